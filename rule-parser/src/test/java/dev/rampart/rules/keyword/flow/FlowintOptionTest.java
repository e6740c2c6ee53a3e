package dev.rampart.rules.keyword.flow;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.flow.FlowintOption.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowintOptionTest {

    @Test
    void addNumber() throws Exception {
        FlowintOption f = option("tcp", "flowint:ET.infostealer.dll.download, +, 1;", FlowintOption.class);
        assertEquals(new FlowintOption("ET.infostealer.dll.download", Op.ADD, 1L, null), f);
        assertTrue(f.op().isModifier());
    }

    @Test
    void compareWithOtherVariable() throws Exception {
        assertEquals(new FlowintOption("ab", Op.EQ, null, "othervar"),
                option("tcp", "flowint:ab,==,othervar;", FlowintOption.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ab,isset|flowint:ab,isset",
        "ab, isnotset|flowint:ab,isnotset",
        "ab,notset|flowint:ab,notset",
        "ab,isset,5|flowint:ab,isset",
        "ab,isset,|flowint:ab,isset",
        "ab , = , 1|flowint:ab,=,1",
        "ab,+1|flowint:ab,+,1",
        "ab,==5|flowint:ab,==,5",
        "ab,>=,4294967295|flowint:ab,>=,4294967295",
        "a.b/c_d,<,5|flowint:a.b/c_d,<,5",
        "cnt,-,x1|flowint:cnt,-,x1",
        "cnt,<=,3|flowint:cnt,<=,3",
        "cnt,!=,3|flowint:cnt,!=,3",
    })
    void forms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "flowint:" + value + ";", FlowintOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,=,1", "ab-c,=,1", "1ab,+,1", "ab,=", "ab,=,-1", "ab,*,1", "ab,+,1x", "ab,+,1,2",
        "ab,=,12345678901", "ab,+,0x10", "ab,>=,4294967296", "ab,=,x"})
    void refused(String value) {
        rejected("tcp", "flowint:" + value + ";", "flowint");
    }
}
