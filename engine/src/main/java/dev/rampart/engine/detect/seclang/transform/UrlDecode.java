package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:urlDecode}: %xx to its byte and '+' to space; an invalid or truncated %-escape is kept
 * as-is (ModSecurity's non-strict decoder).
 */
public final class UrlDecode implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length();
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        char[] out = new char[n];
        int j = 0;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < n && Latin1.isHex(value.charAt(i + 1)) && Latin1.isHex(value.charAt(i + 2))) {
                out[j++] = Latin1.x2c(value.charAt(i + 1), value.charAt(i + 2));
                i += 3;
            } else {
                out[j++] = c == '+' ? ' ' : c;
                i++;
            }
        }
        return Latin1.result(value, out, j);
    }
}
