package dev.rampart.engine.detect.mpm;

import static dev.rampart.engine.detect.mpm.MatcherTestSupport.naive;
import static dev.rampart.engine.detect.mpm.MatcherTestSupport.p;
import static dev.rampart.engine.detect.mpm.MatcherTestSupport.scanIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AhoCorasickMatcherTest {

    @Test
    void findsOverlappingAndNestedPatternsOncePerScan() {
        List<MpmPattern> pats = List.of(p(10, "he", false), p(11, "she", false), p(12, "his", false),
                p(13, "hers", false), p(14, "e", false));
        AhoCorasickMatcher m = AhoCorasickMatcher.build(pats);
        MpmScratch s = m.newScratch();
        assertEquals(Set.of(10, 11, 13, 14), scanIds(m, s, "ushers she he"));
        assertEquals(Set.of(12), scanIds(m, s, "this"));
        assertEquals(Set.of(), scanIds(m, s, "xyz"));
    }

    @Test
    void nocaseFoldsAsciiLettersOnlyAndCaseSensitiveIsExact() {
        List<MpmPattern> pats = List.of(p(1, "GET /", false), p(2, "User-Agent", true), p(3, "abc", false),
                p(4, "\u00c9t\u00e9", true));
        AhoCorasickMatcher m = AhoCorasickMatcher.build(pats);
        MpmScratch s = m.newScratch();
        assertEquals(Set.of(2), scanIds(m, s, "get / HTTP/1.1\r\nuser-AGENT: x"));
        assertEquals(Set.of(1, 3), scanIds(m, s, "GET /abc"));
        assertEquals(Set.of(), scanIds(m, s, "ABC"));
        // 0xC9 and 0xE9 are not ASCII letters: no folding between them
        assertEquals(Set.of(4), scanIds(m, s, "\u00c9T\u00e9"));
        assertEquals(Set.of(), scanIds(m, s, "\u00e9t\u00e9"));
    }

    @Test
    void sameBytesUnderTwoIdsAndMixedCaseFlags() {
        List<MpmPattern> pats = List.of(p(1, "Admin", false), p(2, "Admin", true), p(3, "admin", false));
        AhoCorasickMatcher m = AhoCorasickMatcher.build(pats);
        MpmScratch s = m.newScratch();
        assertEquals(Set.of(1, 2), scanIds(m, s, "xAdminx"));
        assertEquals(Set.of(2, 3), scanIds(m, s, "admin"));
        assertEquals(Set.of(2), scanIds(m, s, "ADMIN"));
    }

    @Test
    void respectsOffsetAndLengthAndIgnoresBadBounds() {
        AhoCorasickMatcher m = AhoCorasickMatcher.build(List.of(p(1, "abc", false)));
        MpmScratch s = m.newScratch();
        byte[] data = "xxabcxx".getBytes();
        assertEquals(Set.of(1), scanIds(m, s, data, 2, 3));
        assertEquals(Set.of(), scanIds(m, s, data, 3, 4));
        assertEquals(Set.of(), scanIds(m, s, data, 0, 4));
        assertEquals(0, m.scan(data, -1, 3, id -> { }, s));
        assertEquals(0, m.scan(data, 5, 3, id -> { }, s));
        assertEquals(0, m.scan(null, 0, 3, id -> { }, s));
    }

    @Test
    void rejectsDuplicateIdsAndEmptyPatterns() {
        assertThrows(IllegalArgumentException.class,
                () -> AhoCorasickMatcher.build(List.of(p(1, "a", false), p(1, "b", false))));
        assertThrows(IllegalArgumentException.class, () -> new MpmPattern(1, new byte[0], false));
    }

    @Test
    void emptyPatternSetFindsNothing() {
        AhoCorasickMatcher m = AhoCorasickMatcher.build(List.of());
        assertEquals(Set.of(), scanIds(m, m.newScratch(), "anything"));
    }

    @Test
    void agreesWithNaiveSearchOnRandomInput() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int alphabet = 2 + rnd.nextInt(round % 3 == 0 ? 254 : 6);
            List<MpmPattern> pats = randomPatterns(rnd, 1 + rnd.nextInt(60), alphabet);
            AhoCorasickMatcher m = AhoCorasickMatcher.build(pats);
            MpmScratch s = m.newScratch();
            for (int t = 0; t < 10; t++) {
                byte[] text = randomBytes(rnd, rnd.nextInt(300), alphabet);
                int off = text.length == 0 ? 0 : rnd.nextInt(text.length);
                int len = text.length - off;
                if (len == 0) {
                    continue;
                }
                assertEquals(naive(pats, text, off, len), scanIds(m, s, text, off, len), "round " + round);
            }
        }
    }

    @Test
    void serializedFormScansTheSame() throws IOException {
        Random rnd = new Random(11);
        List<MpmPattern> pats = randomPatterns(rnd, 300, 40);
        AhoCorasickMatcher m = AhoCorasickMatcher.build(pats);
        MultiPatternMatcher back = MultiPatternMatchers.deserialize(m.serialize());
        assertEquals(MpmKind.AHO_CORASICK, back.kind());
        MpmScratch s1 = m.newScratch();
        MpmScratch s2 = back.newScratch();
        for (int t = 0; t < 50; t++) {
            byte[] text = randomBytes(rnd, 500, 40);
            assertEquals(scanIds(m, s1, text, 0, text.length), scanIds(back, s2, text, 0, text.length));
        }
    }

    @Test
    void damagedSerializedFormFailsToLoadInsteadOfFailingScans() {
        AhoCorasickMatcher m = AhoCorasickMatcher.build(randomPatterns(new Random(3), 50, 30));
        byte[] good = m.serialize();
        Random rnd = new Random(5);
        int rejected = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            int pos = 7 + rnd.nextInt(bad.length - 7);
            bad[pos] ^= (byte) (1 + rnd.nextInt(255));
            try {
                MultiPatternMatcher back = MultiPatternMatchers.deserialize(bad);
                // loaded: then scanning must still not throw
                byte[] text = randomBytes(rnd, 400, 30);
                back.scan(text, 0, text.length, id -> { }, back.newScratch());
            } catch (IOException e) {
                rejected++;
            }
        }
        assertTrue(rejected > 0);
        assertThrows(IOException.class, () -> MultiPatternMatchers.deserialize(new byte[] {1, 2, 3}));
    }

    static List<MpmPattern> randomPatterns(Random rnd, int n, int alphabet) {
        List<MpmPattern> pats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pats.add(new MpmPattern(1000 + i * 3, randomBytes(rnd, 1 + rnd.nextInt(8), alphabet), rnd.nextBoolean()));
        }
        return pats;
    }

    /** Bytes from a small alphabet that includes both cases of some letters. */
    static byte[] randomBytes(Random rnd, int len, int alphabet) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            int k = rnd.nextInt(alphabet);
            b[i] = (byte) (k % 2 == 0 ? 'A' + (k / 2) % 26 : (k < 52 ? 'a' + (k / 2) % 26 : k));
        }
        return b;
    }
}
