package dev.rampart.engine.detect.seclang.transform;

/** {@code t:uppercase}: a-z to A-Z (C locale toupper; bytes above 127 unchanged). */
public final class Uppercase implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = value.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c >= 'a' && c <= 'z') {
                out[i] = (char) (c - 32);
            }
        }
        return Latin1.result(value, out, out.length);
    }
}
