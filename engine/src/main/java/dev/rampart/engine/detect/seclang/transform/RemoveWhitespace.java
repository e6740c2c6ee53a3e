package dev.rampart.engine.detect.seclang.transform;

/** {@code t:removeWhitespace}: drops C isspace bytes and 0xA0 (NBSP). */
public final class RemoveWhitespace implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = new char[value.length()];
        int j = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Latin1.isSpace(c) && c != Latin1.NBSP) {
                out[j++] = c;
            }
        }
        return Latin1.result(value, out, j);
    }
}
