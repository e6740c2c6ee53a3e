package dev.rampart.engine.detect.seclang.transform;

/** {@code t:lowercase}: A-Z to a-z (C locale tolower; bytes above 127 unchanged). */
public final class Lowercase implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && !upper(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            return value; // already lower case: no copy
        }
        char[] out = value.toCharArray();
        for (; i < n; i++) {
            out[i] = Latin1.toLower(out[i]);
        }
        return new String(out);
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
