package dev.rampart.engine.detect.seclang.transform;

/** {@code t:removeWhitespace}: drops C isspace bytes and 0xA0 (NBSP). */
public final class RemoveWhitespace implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && !dropped(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            return value; // nothing to drop: no copy (response bodies run through this whole)
        }
        char[] out = new char[n];
        value.getChars(0, i, out, 0);
        int j = i;
        for (i++; i < n; i++) {
            char c = value.charAt(i);
            if (!dropped(c)) {
                out[j++] = c;
            }
        }
        return new String(out, 0, j);
    }

    private static boolean dropped(char c) {
        return Latin1.isSpace(c) || c == Latin1.NBSP;
    }
}
