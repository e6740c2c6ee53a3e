package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.parse;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * krb5_msg_type, krb5_err_code and the krb5 sticky buffers. Accepted and refused values are what
 * suricata 7.0.10 loads and refuses (suricata-oracle -T, one rule each).
 */
class Krb5KeywordsTest {

    @Test
    void numbers() throws Exception {
        Krb5NumberOption m = option("krb5", "krb5_msg_type:10;", Krb5NumberOption.class);
        assertEquals("krb5_msg_type", m.keyword());
        assertEquals(10, m.value());
        assertEquals(255, option("krb5", "krb5_msg_type:255;", Krb5NumberOption.class).value());
        assertEquals(10, option("krb5", "krb5_msg_type: 10 ;", Krb5NumberOption.class).value());
        assertEquals(999, option("krb5", "krb5_err_code:999;", Krb5NumberOption.class).value());
        assertEquals(0, option("udp", "krb5_err_code:0;", Krb5NumberOption.class).value());
        assertEquals("krb5_err_code:25", canonical(option("tcp", "krb5_err_code:25;", Krb5NumberOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256", "1000", "!0", ">5", "1-30", "\"25\"", "abc", "-1", "+5", "0x10", "10.5", ""})
    void msgTypeRefused(String value) {
        rejected("krb5", "krb5_msg_type:" + value + ";");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "99999", "!0", ">5", "1-30", "\"25\"", "abc", "-1", "+5", "0x10", "10.5", "2147483648"})
    void errCodeRefused(String value) {
        rejected("krb5", "krb5_err_code:" + value + ";");
    }

    @Test
    void keywordsBindTheRuleToKrb5() throws Exception {
        rejected("dns", "krb5_msg_type:10;", "can't set rule app proto");
        rejected("http", "krb5_cname; content:\"x\";", "can't set rule app proto");
        parse("krb5", "krb5_cname; content:\"alice\"; krb5.sname; content:\"krbtgt\"; krb5_sname; bsize:6;");
        parse("tcp", "krb5.cname; content:\"alice\"; krb5_err_code:6;");
    }
}
