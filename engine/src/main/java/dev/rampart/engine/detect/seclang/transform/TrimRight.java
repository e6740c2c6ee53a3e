package dev.rampart.engine.detect.seclang.transform;

/** {@code t:trimRight}: drops trailing C isspace bytes (space, \t, \n, \v, \f, \r; not 0xA0). */
public final class TrimRight implements Transformation {
    @Override
    public String apply(String value) {
        int e = value.length();
        while (e > 0 && Latin1.isSpace(value.charAt(e - 1))) {
            e--;
        }
        return e == value.length() ? value : value.substring(0, e);
    }
}
