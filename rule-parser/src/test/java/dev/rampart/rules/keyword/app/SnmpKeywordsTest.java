package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.Uint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SNMP keywords that take values ({@link SnmpOption}), with the syntax suricata 7.0.10 accepts. */
class SnmpKeywordsTest {
    @Test
    void versionIsADecimalComparison() throws Exception {
        assertEquals(Uint.eq(2), option("snmp", "snmp.version:2;", SnmpOption.class).value());
        assertTrue(option("snmp", "snmp.version:>1;", SnmpOption.class).value().matches(3));
        assertTrue(option("snmp", "snmp.version:1-3;", SnmpOption.class).value().matches(2));
    }

    @Test
    void pduTypeIsOneNumber() throws Exception {
        assertEquals(Uint.eq(1), option("snmp", "snmp.pdu_type: 1 ;", SnmpOption.class).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "snmp.version:0x2;|decimal only",
        "snmp.pdu_type:>0;|a decimal number",
        "snmp.pdu_type:!1;|a decimal number",
        "snmp.pdu_type:1-3;|a decimal number",
        "snmp.pdu_type:0x1;|a decimal number",
    })
    void refused(String text, String message) {
        rejected("snmp", text, message);
    }

    @Test
    void bindsTheRuleToSnmp() {
        rejected("http", "snmp.version:2;", "can't set rule app proto");
        rejected("http", "snmp.community; content:\"x\";", "can't set rule app proto");
    }
}
