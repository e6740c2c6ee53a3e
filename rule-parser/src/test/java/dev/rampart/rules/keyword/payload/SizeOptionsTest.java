package dev.rampart.rules.keyword.payload;

import static dev.rampart.rules.keyword.payload.PayloadRules.fails;
import static dev.rampart.rules.keyword.payload.PayloadRules.option;
import static dev.rampart.rules.keyword.payload.PayloadRules.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.Uint.Mode;
import org.junit.jupiter.api.Test;

/** dsize, bsize and urilen: the integer conditions on sizes. */
class SizeOptionsTest {

    @Test
    void dsize() throws RuleParseException {
        assertEquals(new Uint(Mode.GT, 268, 0), option(DsizeOption.class, "udp", "dsize:>268;").size());
        assertEquals(new Uint(Mode.NE, 10, 0), option(DsizeOption.class, "dsize:!10;").size());
        assertEquals(new Uint(Mode.RANGE, 300, 400), option(DsizeOption.class, "dsize:300<>400;").size());
        assertEquals("dsize:<5;", text(option(DsizeOption.class, "dsize: < 5;")));
        fails("dsize:70000;", "larger than");
        fails("dsize:1; dsize:2;", "only once");
    }

    @Test
    void dsizeMustLeaveRoomForTheContents() throws RuleParseException {
        fails("dsize:5; content:\"abcdefgh\";", "exceeds dsize value 5");
        fails("dsize:10; content:\"abc\"; offset:9;", "exceeds dsize");
        fails("dsize:10; content:\"ab\"; content:\"cd\"; distance:8;", "exceeds dsize");
        // contents that may overlap, negated contents and open-ended sizes are fine
        option(DsizeOption.class, "dsize:300; content:\"CCCCCCCCCCCCCCCCCCCC\"; content:\"CCCCCCCCCCCCCCCCCCCC\";");
        option(DsizeOption.class, "dsize:20; content:\"|2d|\"; offset:6; content:\"|2d|\"; distance:6; within:1; "
                + "content:!\"|00|server.\";");
        option(DsizeOption.class, "dsize:>5; content:\"abcdefgh\";");
    }

    @Test
    void bsize() throws RuleParseException {
        BsizeOption b = option(BsizeOption.class, "dns", "dns.query; content:\"google.com\"; bsize:<25;");
        assertEquals(new Uint(Mode.LT, 25, 0), b.size());
        assertEquals("dns.query", b.buffer().name());
        assertEquals(20L * 1024, option(BsizeOption.class, "http", "http.request_body; bsize:>20kb;").size().arg1());
        option(BsizeOption.class, "dns", "dns.query; content:\"google.com\"; bsize:8<>20;");
        fails("dns", "content:\"a\"; bsize:10;", "needs a sticky buffer");
        fails("dns", "dns.query; content:\"google.com\"; bsize:5;", "exceeds bsize value 5");
        fails("dns", "dns.query; bsize:5; content:\"google.com\";", "exceeds bsize");
        // a negated content does not need room
        option(BsizeOption.class, "http", "http.user_agent; content:\"Mozilla\"; bsize:7; content:!\"AppleWebKit\";");
    }

    @Test
    void urilen() throws RuleParseException {
        UrilenOption u = option(UrilenOption.class, "http", "urilen:>10;");
        assertEquals(new Uint(Mode.GT, 10, 0), u.length());
        assertFalse(u.raw());
        assertTrue(option(UrilenOption.class, "http", "urilen:5<>20, raw;").raw());
        assertFalse(option(UrilenOption.class, "http", "urilen:5,norm;").raw());
        assertEquals("urilen:<5,raw;", text(option(UrilenOption.class, "http", "urilen:<5,raw;")));
        // like Suricata, a range without a value inside is read as its first number
        assertEquals(Uint.eq(20), option(UrilenOption.class, "http", "urilen:20<>21;").length());
        fails("http", "urilen:x;", "urilen");
        fails("http", "urilen:70000;", "larger than");
    }
}
