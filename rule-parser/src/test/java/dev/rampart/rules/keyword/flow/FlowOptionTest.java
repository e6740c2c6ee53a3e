package dev.rampart.rules.keyword.flow;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.flow.FlowOption.Flag;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowOptionTest {

    @Test
    void stateAndDirection() throws Exception {
        FlowOption f = option("tcp", "flow:established,to_server;", FlowOption.class);
        assertTrue(f.established());
        assertTrue(f.toServer());
        assertFalse(f.toClient());
        assertEquals(Set.of(Flag.ESTABLISHED, Flag.TO_SERVER), f.flags());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "to_server,established|flow:established,to_server",
        "established, to_server|flow:established,to_server",
        "from_client,established|flow:established,to_server",
        "established,from_server|flow:established,to_client",
        "ESTABLISHED,To_Server|flow:established,to_server",
        "stateless,not_established|flow:not_established,stateless",
        "not_established,to_server,no_stream|flow:not_established,to_server,no_stream",
        "only_stream,only_frag|flow:only_stream,only_frag",
        "no_frag|flow:no_frag",
    })
    void canonicalForms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "flow:" + value + ";", FlowOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"to_server,to_client", "to_server,from_client", "established,established",
        "established,not_established", "not_established,established", "established,stateless",
        "stateless,established", "only_stream,no_stream", "only_frag,no_frag", "bogus", "established,",
        "established,to_server,no_stream,no_frag", "\"established\""})
    void refused(String value) {
        rejected("tcp", "flow:" + value + ";", "flow");
    }

    @Test
    void onlyOneFlowUnlessTheFirstIsDirectionOnly() throws Exception {
        // a direction-only flow does not count as "the" flow option
        assertEquals(2, parse("tcp", "flow:to_server; flow:established;").optionsOf(FlowOption.class).size());
        assertEquals(2, parse("tcp", "flow:to_server; flow:to_client;").optionsOf(FlowOption.class).size());
        rejected("tcp", "flow:established; flow:to_server;", "only one flow");
        rejected("tcp", "flow:established,to_server; flow:to_server;", "only one flow");
    }

    @Test
    void needsValue() {
        rejected("tcp", "flow;", "needs an argument");
    }
}
