package dev.rampart.engine.detect.seclang.transform;

/** {@code t:lowercase}: A-Z to a-z (C locale tolower; bytes above 127 unchanged). */
public final class Lowercase implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = value.toCharArray();
        for (int i = 0; i < out.length; i++) {
            out[i] = Latin1.toLower(out[i]);
        }
        return Latin1.result(value, out, out.length);
    }
}
