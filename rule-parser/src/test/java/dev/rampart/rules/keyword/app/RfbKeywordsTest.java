package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.Uint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RFB keywords that take values ({@link RfbOption}). */
class RfbKeywordsTest {
    @Test
    void sectypeIsAnUnsignedComparison() throws Exception {
        assertEquals(Uint.eq(2), option("rfb", "rfb.sectype:2;", RfbOption.class).value());
        Uint range = option("rfb", "rfb.sectype:1-3;", RfbOption.class).value();
        assertTrue(range.matches(2));
        assertFalse(range.matches(3));
        assertEquals("rfb.sectype:>=16", canonical(option("rfb", "rfb.sectype:>=16;", RfbOption.class)));
    }

    @Test
    void secresultByNameInAnyCaseOrNumber() throws Exception {
        RfbOption ok = option("rfb", "rfb.secresult:OK;", RfbOption.class);
        assertEquals(Uint.eq(0), ok.value());
        assertEquals("rfb.secresult:ok", canonical(ok));
        assertEquals(Uint.eq(2), option("rfb", "rfb.secresult:toomany;", RfbOption.class).value());
        Uint unknown = option("rfb", "rfb.secresult:unknown;", RfbOption.class).value();
        assertTrue(unknown.matches(3) && unknown.matches(99) && !unknown.matches(2));
        Uint notZero = option("rfb", "rfb.secresult:!0;", RfbOption.class).value();
        assertTrue(notZero.matches(1) && !notZero.matches(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rfb.secresult:maybe;|unknown security result",
        "rfb.sectype:x;|rfb.sectype",
        "rfb.sectype:4294967296;|rfb.sectype",
    })
    void refused(String text, String message) {
        rejected("rfb", text, message);
    }

    @Test
    void bindsTheRuleToRfb() {
        rejected("http", "rfb.sectype:2;", "can't set rule app proto");
        rejected("http", "rfb.name; content:\"x\";", "can't set rule app proto");
    }
}
