package dev.rampart.engine.detect.seclang.transform;

/** {@code t:trim}: trimLeft then trimRight (C isspace; not 0xA0). */
public final class Trim implements Transformation {
    @Override
    public String apply(String value) {
        int b = 0;
        int e = value.length();
        while (b < e && Latin1.isSpace(value.charAt(b))) {
            b++;
        }
        while (e > b && Latin1.isSpace(value.charAt(e - 1))) {
            e--;
        }
        return b == 0 && e == value.length() ? value : value.substring(b, e);
    }
}
