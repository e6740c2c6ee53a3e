package dev.rampart.rules.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Uint.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UintComparisonTest {

    private static Uint u8(String s) throws RuleParseException {
        return Uint.parse("ttl", s, Uint.U8);
    }

    @Test
    void singleValueForms() throws Exception {
        assertEquals(new Uint(Mode.EQ, 10, 10), u8("10"));
        assertEquals(new Uint(Mode.EQ, 10, 10), u8("=10"));
        assertEquals(new Uint(Mode.EQ, 16, 16), u8("0x10"));
        assertEquals(new Uint(Mode.NE, 10, 10), u8("!10"));
        assertEquals(new Uint(Mode.NE, 10, 10), u8("!=10"));
        assertEquals(new Uint(Mode.LT, 10, 10), u8("<10"));
        assertEquals(new Uint(Mode.LE, 10, 10), u8("<=10"));
        assertEquals(new Uint(Mode.GT, 10, 10), u8("> 10"));
        assertEquals(new Uint(Mode.GE, 10, 10), u8(">=10"));
        assertEquals(10, u8(" 10 ").value());
    }

    @Test
    void ranges() throws Exception {
        assertEquals(new Uint(Mode.RANGE, 1, 10), u8("1<>10"));
        assertEquals(new Uint(Mode.RANGE, 1, 10), u8("1-10"));
        assertEquals(new Uint(Mode.RANGE, 1, 10), u8("1 <> 10"));
        assertEquals(new Uint(Mode.NEG_RANGE, 1, 10), u8("!1-10"));
        Uint r = u8("1<>10");
        assertFalse(r.matches(1));
        assertTrue(r.matches(2));
        assertTrue(r.matches(9));
        assertFalse(r.matches(10));
        assertTrue(u8("!1-10").matches(10));
        assertFalse(u8("!1-10").matches(5));
    }

    @Test
    void bitmaskAndUnits() throws Exception {
        assertEquals(new Uint(Mode.BITMASK, 0xF0, 0x10), u8("&0xf0=0x10"));
        assertEquals(new Uint(Mode.NEG_BITMASK, 0xF0, 0x10), u8("&0xf0!=0x10"));
        assertEquals(new Uint(Mode.EQ, 2048, 2048), Uint.parse("filesize", "2kb", Uint.U64));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "256", "-1", "<0", ">=0", ">255", "<=255", "5-5", "5-6", "10-5", "1<>",
            "&0x0f=0x10", "1 2", "=1-5", "0x", "99999999999999999999"})
    void rejected(String s) {
        assertThrows(RuleParseException.class, () -> u8(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "!10", "<10", "<=10", ">10", ">=10", "1<>10", "!1<>10", "&0xf0=0x10", "&0xf0!=0x10"})
    void canonicalRoundTrip(String s) throws Exception {
        Uint u = u8(s);
        assertEquals(s, u.toString());
        assertEquals(u, u8(u.toString()));
    }
}
