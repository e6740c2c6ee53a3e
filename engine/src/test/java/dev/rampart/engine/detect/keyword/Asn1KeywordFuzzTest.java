package dev.rampart.engine.detect.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.rules.keyword.payload.Asn1Option;

/**
 * Input: {@code [oversize length][absolute offset][payload bytes]}. Invariants: any payload decodes
 * without throwing; a rule with several checks matches exactly when one of them alone does; an
 * oversize_length that matches also matches with any smaller bound.
 */
class Asn1KeywordFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void checksCombineAndBoundsOrder(byte[] in) {
        if (in.length < 3) {
            return;
        }
        long over = in[0] & 0xFF;
        int offset = in[1] & 0x0F;
        byte[] payload = new byte[in.length - 2];
        System.arraycopy(in, 2, payload, 0, payload.length);
        boolean bs = keyword(true, false, null, offset).matches(payload, payload.length, 0);
        boolean dbl = keyword(false, true, null, offset).matches(payload, payload.length, 0);
        boolean ov = keyword(false, false, over, offset).matches(payload, payload.length, 0);
        boolean all = keyword(true, true, over, offset).matches(payload, payload.length, 0);
        assertEquals(bs || dbl || ov, all);
        if (ov && over > 0) {
            assertTrue(keyword(false, false, over - 1, offset).matches(payload, payload.length, 0));
        }
    }

    private static Asn1Keyword keyword(boolean bitstring, boolean dbl, Long over, int offset) {
        return new Asn1Keyword(new Asn1Option(bitstring, dbl, over, offset, null));
    }
}
