package dev.rampart.rules.keyword.flow;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.flow.FlowbitsOption.Command;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowbitsOptionTest {

    @Test
    void setAndTest() throws Exception {
        FlowbitsOption f = option("tcp", "flowbits:set,ET.http.binary;", FlowbitsOption.class);
        assertEquals(Command.SET, f.command());
        assertEquals("ET.http.binary", f.name());
        assertTrue(f.command().isModifier());
        f = option("tcp", "flowbits:isset, tls_tracker;", FlowbitsOption.class);
        assertEquals(new FlowbitsOption(Command.ISSET, List.of("tls_tracker")), f);
    }

    @Test
    void noalert() throws Exception {
        FlowbitsOption f = option("tcp", "flowbits:noalert;", FlowbitsOption.class);
        assertEquals(Command.NOALERT, f.command());
        assertNull(f.name());
        assertEquals("flowbits:noalert", canonical(f));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "isset,fb4|fb2|fb1 => flowbits:isset,fb4|fb2|fb1",
        "isset, a | b  => flowbits:isset,a|b",
        "isset,a||b => flowbits:isset,a|b",
        "set,a&b => flowbits:set,a&b",
        "toggle,common => flowbits:toggle,common",
        "unset,a|b => flowbits:unset,a|b",
        "set,traffic/label/cli-http => flowbits:set,traffic/label/cli-http",
        "set,a,b => flowbits:set,a,b",
    })
    void forms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "flowbits:" + value + ";", FlowbitsOption.class)));
    }

    @Test
    void orList() throws Exception {
        assertEquals(List.of("a", "b", "c"), option("tcp", "flowbits:isnotset,a|b|c;", FlowbitsOption.class).names());
    }

    @Test
    void contradictoryTestsAreAcceptedAsSuricata7Does() throws Exception {
        assertEquals(2, parse("tcp", "flowbits:isset,a; flowbits:isnotset,a;").optionsOf(FlowbitsOption.class).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"isset,a b", "noalert,x", "Set,a", "set", "set ,a", "setother,a", "isset,", "\"set,a\"",
        "isset,|"})
    void refused(String value) {
        rejected("tcp", "flowbits:" + value + ";", "flowbits");
    }
}
