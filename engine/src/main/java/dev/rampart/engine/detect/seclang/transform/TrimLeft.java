package dev.rampart.engine.detect.seclang.transform;

/** {@code t:trimLeft}: drops leading C isspace bytes (space, \t, \n, \v, \f, \r; not 0xA0). */
public final class TrimLeft implements Transformation {
    @Override
    public String apply(String value) {
        int i = 0;
        while (i < value.length() && Latin1.isSpace(value.charAt(i))) {
            i++;
        }
        return i == 0 ? value : value.substring(i);
    }
}
