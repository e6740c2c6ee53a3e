package dev.rampart.engine.detect.seclang.transform;

/** {@code t:compressWhitespace}: each run of C isspace bytes or 0xA0 (NBSP) becomes one space. */
public final class CompressWhitespace implements Transformation {
    @Override
    public String apply(String value) {
        char[] out = new char[value.length()];
        int j = 0;
        boolean pending = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Latin1.isSpace(c) || c == Latin1.NBSP) {
                pending = true;
            } else {
                if (pending) {
                    out[j++] = ' ';
                    pending = false;
                }
                out[j++] = c;
            }
        }
        if (pending) {
            out[j++] = ' ';
        }
        return Latin1.result(value, out, j);
    }
}
