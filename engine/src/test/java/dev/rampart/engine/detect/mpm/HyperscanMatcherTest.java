package dev.rampart.engine.detect.mpm;

import static dev.rampart.engine.detect.mpm.AhoCorasickMatcherTest.randomBytes;
import static dev.rampart.engine.detect.mpm.AhoCorasickMatcherTest.randomPatterns;
import static dev.rampart.engine.detect.mpm.MatcherTestSupport.p;
import static dev.rampart.engine.detect.mpm.MatcherTestSupport.scanIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Skipped, with the reason, where the native library does not load. */
class HyperscanMatcherTest {

    @BeforeAll
    static void needsHyperscan() {
        assumeTrue(HyperscanMatcher.available(), () -> "Hyperscan unavailable: " + HyperscanMatcher.unavailableReason());
    }

    @Test
    void loadsAndReportsVersion() {
        assertNotNull(HyperscanMatcher.version());
        assertEquals(MpmKind.HYPERSCAN, MultiPatternMatchers.preferredKind());
    }

    @Test
    void literalDatabaseWithNocaseSingleMatchAndMetacharacters() {
        List<MpmPattern> pats = List.of(p(10, "GET /", false), p(11, "user-agent", true), p(12, "a.b*c", false),
                p(13, "\u0000\u0001\u00ff", false), p(14, "(x|y)", true));
        try (HyperscanMatcher m = HyperscanMatcher.build(pats); MpmScratch s = m.newScratch()) {
            assertEquals(Set.of(11), scanIds(m, s, "get / HTTP/1.1\r\nUser-Agent: a User-Agent"));
            assertEquals(Set.of(10, 12), scanIds(m, s, "GET /a.b*c GET /a.b*c"));
            assertEquals(Set.of(), scanIds(m, s, "axbbbc x y"));
            assertEquals(Set.of(13, 14), scanIds(m, s, "..\u0000\u0001\u00ff..(X|Y)"));
        }
    }

    @Test
    void agreesWithAhoCorasickOnRandomInput() {
        Random rnd = new Random(23);
        for (int round = 0; round < 60; round++) {
            int alphabet = 2 + rnd.nextInt(round % 3 == 0 ? 254 : 8);
            List<MpmPattern> pats = randomPatterns(rnd, 1 + rnd.nextInt(200), alphabet);
            AhoCorasickMatcher ac = AhoCorasickMatcher.build(pats);
            MpmScratch acs = ac.newScratch();
            try (HyperscanMatcher hs = HyperscanMatcher.build(pats); MpmScratch hss = hs.newScratch()) {
                for (int t = 0; t < 20; t++) {
                    byte[] text = randomBytes(rnd, 1 + rnd.nextInt(3000), alphabet);
                    int off = rnd.nextInt(text.length);
                    int len = text.length - off;
                    assertEquals(scanIds(ac, acs, text, off, len), scanIds(hs, hss, text, off, len), "round " + round);
                }
            }
        }
    }

    @Test
    void serializeDeserializeRoundTrip() throws IOException {
        Random rnd = new Random(4);
        List<MpmPattern> pats = randomPatterns(rnd, 500, 60);
        try (HyperscanMatcher m = HyperscanMatcher.build(pats);
                MultiPatternMatcher back = MultiPatternMatchers.deserialize(m.serialize());
                MpmScratch s1 = m.newScratch();
                MpmScratch s2 = back.newScratch()) {
            assertEquals(MpmKind.HYPERSCAN, back.kind());
            for (int t = 0; t < 30; t++) {
                byte[] text = randomBytes(rnd, 1500, 60);
                assertEquals(scanIds(m, s1, text, 0, text.length), scanIds(back, s2, text, 0, text.length));
            }
        }
    }

    @Test
    void sinkMayScanAnotherMatcher() {
        try (HyperscanMatcher outer = HyperscanMatcher.build(List.of(p(1, "abc", false), p(2, "xyz", false)));
                HyperscanMatcher inner = HyperscanMatcher.build(List.of(p(7, "b", false)));
                MpmScratch os = outer.newScratch();
                MpmScratch is = inner.newScratch()) {
            java.util.List<Integer> outerIds = new java.util.ArrayList<>();
            java.util.List<Integer> innerIds = new java.util.ArrayList<>();
            byte[] text = "abc xyz".getBytes();
            outer.scan(text, 0, text.length, id -> {
                outerIds.add(id);
                inner.scan(text, 0, text.length, innerIds::add, is);
            }, os);
            assertEquals(List.of(1, 2), outerIds.stream().sorted().toList());
            assertEquals(List.of(7, 7), innerIds);
        }
    }

    @Test
    void scratchesOnSeveralThreads() throws Exception {
        List<MpmPattern> pats = List.of(p(1, "needle", true), p(2, "hay", false));
        try (HyperscanMatcher m = HyperscanMatcher.build(pats)) {
            Thread[] threads = new Thread[4];
            Throwable[] failure = new Throwable[1];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = new Thread(() -> {
                    try (MpmScratch s = m.newScratch()) {
                        for (int k = 0; k < 2000; k++) {
                            assertEquals(Set.of(1, 2), scanIds(m, s, "hay hay NEEDLE hay"));
                            assertEquals(Set.of(), scanIds(m, s, "HAY"));
                        }
                    } catch (Throwable t) {
                        synchronized (failure) {
                            failure[0] = t;
                        }
                    }
                });
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure[0] != null) {
                throw new AssertionError(failure[0]);
            }
        }
    }
}
