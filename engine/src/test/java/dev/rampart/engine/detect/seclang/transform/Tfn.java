package dev.rampart.engine.detect.seclang.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Test helper: applies a transformation by its ModSecurity name and compares Latin-1 text. */
final class Tfn {
    private Tfn() {
    }

    static String apply(String name, String in) {
        Transformation t = Transformations.byName(name);
        assertNotNull(t, name);
        return t.apply(in);
    }

    static void check(String name, String in, String expected) {
        assertEquals(escape(expected), escape(apply(name, in)), name + " of " + escape(in));
    }

    /** Bytes outside printable ASCII as \xHH, so failures are readable. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b.toString();
    }
}
