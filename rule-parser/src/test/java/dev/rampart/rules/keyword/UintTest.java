package dev.rampart.rules.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Uint.Mode;
import org.junit.jupiter.api.Test;

class UintTest {

    private static Uint p(String s) throws RuleParseException {
        return Uint.parse("k", s, Uint.U16);
    }

    @Test
    void parsesEveryMode() throws RuleParseException {
        assertEquals(new Uint(Mode.EQ, 5, 0), p("5"));
        assertEquals(new Uint(Mode.EQ, 5, 0), p("=5"));
        assertEquals(new Uint(Mode.EQ, 5, 0), p(" = 5 "));
        assertEquals(new Uint(Mode.NE, 5, 0), p("!5"));
        assertEquals(new Uint(Mode.NE, 5, 0), p("!=5"));
        assertEquals(new Uint(Mode.LT, 5, 0), p("<5"));
        assertEquals(new Uint(Mode.LE, 5, 0), p("<=5"));
        assertEquals(new Uint(Mode.GT, 268, 0), p("> 268"));
        assertEquals(new Uint(Mode.GE, 5, 0), p(">=5"));
        assertEquals(new Uint(Mode.RANGE, 300, 400), p("300<>400"));
        assertEquals(new Uint(Mode.RANGE, 1, 9), p("1 - 9"));
        assertEquals(new Uint(Mode.NEG_RANGE, 1, 6), p("!1-6"));
        assertEquals(new Uint(Mode.BITMASK, 0xc0, 0x80), p("&0xc0=0x80"));
        assertEquals(new Uint(Mode.NEG_BITMASK, 0x40, 0), p("&0x40!=0"));
        assertEquals(new Uint(Mode.EQ, 0x100, 0), p("0x100"));
    }

    @Test
    void unitsMultiply() throws RuleParseException {
        assertEquals(2048, Uint.parse("bsize", "2kb", Uint.U64).arg1());
        assertEquals(3L * 1024 * 1024, Uint.parse("bsize", "> 3MB", Uint.U64).arg1());
        assertThrows(RuleParseException.class, () -> Uint.parse("k", "2kb", Uint.U8));
    }

    @Test
    void refusesConditionsThatCanNeverMatch() {
        for (String bad : new String[] {"<0", ">65535", "<=65535", ">=0", "5<>6", "6<>5", "&0xc0=12", "65536", "",
                "abc", "5<>", "5 6", "<>5", "0x"}) {
            assertThrows(RuleParseException.class, () -> p(bad), bad);
        }
    }

    @Test
    void matches() throws RuleParseException {
        assertTrue(p("300<>400").matches(301));
        assertFalse(p("300<>400").matches(300));
        assertTrue(p("!1-6").matches(6));
        assertFalse(p("!1-6").matches(3));
        assertTrue(p("&0xc0=0x80").matches(0x81));
        assertFalse(p(">=5").matches(4));
    }

    @Test
    void canonicalTextParsesBack() throws RuleParseException {
        for (String s : new String[] {"5", "!5", "<5", "<=5", ">5", ">=5", "1<>9", "!1<>9", "&0xc0=0x80", "&0x40!=0"}) {
            Uint u = p(s);
            assertEquals(u, p(u.toString()), s);
        }
        assertEquals("1<>9", p("1-9").toString());
    }

    @Test
    void prefixReadsLikeSuricataForTrailingText() throws RuleParseException {
        Uint.Prefix pr = Uint.parsePrefix("urilen", ">10,raw", Uint.U16);
        assertEquals(new Uint(Mode.GT, 10, 0), pr.value());
        assertEquals(",raw", ">10,raw".substring(pr.end()));
        // an invalid range is read as its first number
        assertEquals(Uint.eq(20), Uint.parsePrefix("urilen", "20<>21", Uint.U16).value());
    }
}
