package dev.rampart.engine.detect.seclang.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Input: the value's bytes. Invariants: @detectXSS answers within two seconds; with capture, a
 * match stores the value up to its first NUL as TX.0 and a miss stores nothing; the verdict does
 * not change when ASCII letters are upper-cased (libinjection folds case everywhere except in the
 * upper-case-only {@code [CDATA[}, so values holding '[' are left out of that check).
 */
class DetectXssFuzzTest {
    private static final Operator OP = DetectXss.compile("");

    @FuzzTest(maxDuration = "10m")
    void detectXssAnswersInBoundedTime(byte[] in) {
        String value = new String(in, StandardCharsets.ISO_8859_1);
        TestContext ctx = new TestContext(true);
        long t0 = System.nanoTime();
        boolean xss = OP.matches(value, ctx);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "detectXSS took " + ms + " ms");
        if (xss) {
            int nul = value.indexOf(0);
            assertEquals(Map.of(0, nul < 0 ? value : value.substring(0, nul)), ctx.captures);
        } else {
            assertTrue(ctx.captures.isEmpty());
        }
        if (value.indexOf('[') < 0) {
            assertEquals(xss, OP.matches(asciiUpper(value), new TestContext(false)), "case changed the verdict");
        }
    }

    private static String asciiUpper(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }
}
