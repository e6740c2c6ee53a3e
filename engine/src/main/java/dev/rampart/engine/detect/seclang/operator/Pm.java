package dev.rampart.engine.detect.seclang.operator;

import dev.rampart.engine.detect.mpm.HyperscanMatcher;
import dev.rampart.engine.detect.mpm.MpmPattern;
import dev.rampart.engine.detect.mpm.MpmScratch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @pm}: whether any of the white-space separated phrases occurs in the value, ASCII case
 * insensitive. The argument goes through the phrase content syntax ({@link PmContent}) first; an
 * empty value never matches. Matching and TX.0 (with capture) follow ModSecurity's ACMP, quirks
 * included ({@link Acmp}).
 */
public final class Pm implements Operator {
    /** Values from this length on are first scanned by Hyperscan (shorter ones: the JNI call costs more). */
    static final int PREFILTER_FROM = 256;

    private final Acmp phrases;
    /**
     * The phrases as a caseless Hyperscan literal set, or null (no Hyperscan, or it refused them):
     * ACMP only reports phrases that occur, so where none occurs it cannot match, and a long
     * value (a response body scanned by CRS's data-leak phrase lists) is ruled out by one native
     * scan instead of ACMP's byte-by-byte walk; where one occurs, ACMP decides (its quirks and TX.0).
     */
    private final HyperscanMatcher prefilter;
    private final ThreadLocal<MpmScratch> scratch;

    Pm(List<String> phrases) {
        this.phrases = new Acmp(phrases);
        this.prefilter = prefilter(phrases);
        this.scratch = prefilter == null ? null : ThreadLocal.withInitial(prefilter::newScratch);
    }

    private static HyperscanMatcher prefilter(List<String> phrases) {
        if (!HyperscanMatcher.available()) {
            return null;
        }
        List<MpmPattern> patterns = new ArrayList<>(phrases.size());
        for (String p : phrases) {
            if (!p.isEmpty()) {
                patterns.add(new MpmPattern(patterns.size(), p.getBytes(StandardCharsets.ISO_8859_1), true));
            }
        }
        if (patterns.isEmpty()) {
            return null;
        }
        try {
            return HyperscanMatcher.build(patterns);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether some phrase may occur in {@code value}: false only when Hyperscan found none. */
    private boolean mayOccur(String value) {
        if (prefilter == null || value.length() < PREFILTER_FROM) {
            return true;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        boolean[] hit = new boolean[1];
        prefilter.scan(bytes, 0, bytes.length, id -> hit[0] = true, scratch.get());
        return hit[0];
    }

    public static Pm compile(String argument) throws OperatorException {
        if (argument == null || argument.isEmpty()) {
            throw new OperatorException("Missing parameter for operator 'pm'.");
        }
        String parsed = PmContent.parse(argument);
        String text = parsed != null ? parsed : argument;
        List<String> list = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < text.length() && CNumber.isCSpace(text.charAt(i))) {
                i++;
            }
            // a NUL (from a |00| span) ends the C string ModSecurity splits
            if (i >= text.length() || text.charAt(i) == 0) {
                break;
            }
            int j = i;
            while (j < text.length() && !CNumber.isCSpace(text.charAt(j)) && text.charAt(j) != 0) {
                j++;
            }
            list.add(text.substring(i, j));
            i = j;
        }
        return new Pm(list);
    }

    @Override
    public boolean matches(String value, OperatorContext ctx) {
        if (value.isEmpty()) {
            return false;
        }
        if (!mayOccur(value)) {
            return false;
        }
        String found = phrases.find(value);
        if (found == null) {
            return false;
        }
        if (ctx.capturing()) {
            ctx.capture(0, found);
        }
        return true;
    }
}
