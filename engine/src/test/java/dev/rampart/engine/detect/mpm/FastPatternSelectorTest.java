package dev.rampart.engine.detect.mpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.mpm.FastPatternSelector.Reason;
import dev.rampart.engine.detect.mpm.FastPatternSelector.Selection;
import dev.rampart.rules.RuleParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FastPatternSelectorTest {
    private final RuleParser parser = new RuleParser();

    private Selection select(String options) throws Exception {
        return FastPatternSelector.select(parser.parse("alert tcp any any -> any any (" + options + " sid:1;)"));
    }

    private static void assertBytes(String expected, Selection s) {
        assertArrayEquals(expected.getBytes(StandardCharsets.ISO_8859_1), s.bytes(), new String(s.bytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void strengthScoresByteClasses() {
        assertEquals(3 + 3 + 1, PatternStrength.of("abb".getBytes()));
        assertEquals(4 + 4, PatternStrength.of("/:".getBytes()));
        assertEquals(4 + 4 + 4 + 6, PatternStrength.of(new byte[] {0, 1, (byte) 0xff, 0x02}));
        assertEquals(6 + 1, PatternStrength.of(new byte[] {(byte) 0x90, (byte) 0x90}));
    }

    @Test
    void longestContentWins() throws Exception {
        // Suricata docs: with no fast_pattern, the longest content is used
        Selection s = select("content:\"User-Agent|3A|\"; content:\"Badness\"; distance:0;");
        assertBytes("User-Agent:", s);
        assertEquals(Reason.SCORED, s.reason());
    }

    @Test
    void explicitFastPatternOverridesLength() throws Exception {
        // Suricata docs example: fast_pattern forces the shorter content
        Selection s = select("content:\"User-Agent|3A|\"; content:\"Badness\"; distance:0; fast_pattern;");
        assertBytes("Badness", s);
        assertEquals(Reason.EXPLICIT, s.reason());
    }

    @Test
    void equalLengthGoesToStrengthThenFirst() throws Exception {
        assertBytes("a/c:", select("content:\"abcd\"; content:\"a/c:\";"));
        assertBytes("abcd", select("content:\"abcd\"; content:\"dcba\";"));
        assertBytes("ab\u0000\u00ff", select("content:\"abcd\"; content:\"ab|00 ff|\";"));
        // a repeated byte scores 1
        assertBytes("abcd", select("content:\"aaaa\"; content:\"abcd\";"));
    }

    @Test
    void httpMethodIsTheLastResortAmongStickyBuffers() throws Exception {
        // ET 2012762 in Suricata 7.0.10 --engine-analysis: user agent "asd" over method "GET"
        Selection s = select("http.method; content:\"GET\"; http.user_agent; content:\"asd\"; nocase;");
        assertEquals("http.user_agent", s.buffer().name());
        // and after the payload (priority 4 against 3; checked with Suricata 7.0.10)
        assertEquals("pkt_data", select("content:\"long payload\"; http.method; content:\"GET\";").buffer().name());
        // http.stat_msg shares the payload's tier: length decides
        assertEquals("http.stat_msg",
                select("content:\"long payload\"; http.stat_msg; content:\"long payload!\";").buffer().name());
    }

    @Test
    void nocaseStrengthIsOfTheLowercasedBytes() throws Exception {
        // ET 2034550 in Suricata 7.0.10: "CN=owncloud" nocase scores below the same bytes case-sensitive
        Selection s = select("tls.cert_subject; content:\"CN=owncloud\"; nocase; tls.cert_issuer; content:\"CN=owncloud\";");
        assertEquals("tls.cert_issuer", s.buffer().name());
    }

    @Test
    void chopFormUsesTheSlice() throws Exception {
        Selection s = select("content:\"aaaaaaaaabcdef\"; fast_pattern:8,4;");
        assertBytes("abcd", s);
        assertEquals(Reason.EXPLICIT_CHOP, s.reason());
        assertEquals("aaaaaaaaabcdef".length(), s.content().pattern().length());
    }

    @Test
    void fastPatternOnlyIsExplicit() throws Exception {
        Selection s = select("content:\"abc\"; content:\"xy\"; fast_pattern:only;");
        assertBytes("xy", s);
        assertEquals(Reason.EXPLICIT, s.reason());
    }

    @Test
    void stickyBufferContentBeatsLongerPayloadContent() throws Exception {
        Selection s = select("content:\"a very long payload content\"; http.uri; content:\"/x\";");
        assertBytes("/x", s);
        assertEquals("http.uri", s.buffer().name());
        Selection t = select("http.method; content:\"POST\"; http.uri; content:\"/login.php\";");
        assertBytes("/login.php", t);
        assertEquals("http.uri", t.buffer().name());
    }

    @Test
    void negatedOnlyWhenNothingElse() throws Exception {
        Selection s = select("content:!\"a long negated content\"; content:\"ab\";");
        assertBytes("ab", s);
        Selection n = select("content:!\"abc\"; content:!\"abcdef\";");
        assertBytes("abcdef", n);
        assertEquals(Reason.SCORED_NEGATED, n.reason());
        assertTrue(n.negated());
        // a sticky buffer with only a negated content does not pull the choice away from the payload
        Selection m = select("content:\"ab\"; http.uri; content:!\"/long/path\";");
        assertBytes("ab", m);
    }

    @Test
    void nocaseIsCarried() throws Exception {
        Selection s = select("content:\"EVIL\"; nocase;");
        assertTrue(s.nocase());
    }

    @Test
    void noContentNoFastPattern() throws Exception {
        assertNull(select("flow:established; dsize:>10;"));
        assertNull(select("pcre:\"/abc/\";"));
        assertNull(select("base64_decode; base64_data; content:\"abc\";"));
    }

    @Test
    void prefilterKeyword() throws Exception {
        assertNull(select("content:\"abcdef\"; flow:established; prefilter;"));
        Selection s = select("content:\"abcdef\"; content:\"xy\"; prefilter;");
        assertBytes("xy", s);
        assertEquals(Reason.PREFILTER_KEYWORD, s.reason());
    }
}
