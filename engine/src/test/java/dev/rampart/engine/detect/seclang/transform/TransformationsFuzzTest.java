package dev.rampart.engine.detect.seclang.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Input: any bytes, read as a Latin-1 value. Invariants: every transformation returns a value of
 * bytes (every char below 256) without throwing, gives the same instance exactly when the value is
 * unchanged, and is deterministic.
 */
class TransformationsFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void everyTransformationKeepsBytes(byte[] in) {
        String value = new String(in, StandardCharsets.ISO_8859_1);
        for (String name : TransformationsTest.UNCHANGED.keySet()) {
            Transformation t = Transformations.byName(name);
            String out = t.apply(value);
            for (int i = 0; i < out.length(); i++) {
                assertTrue(out.charAt(i) < 256, name);
            }
            if (out != value) {
                assertTrue(!out.equals(value), name + " gave an equal copy instead of its input");
            }
            assertEquals(out, t.apply(new String(in, StandardCharsets.ISO_8859_1)), name);
        }
    }
}
