package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:jsDecode}: JavaScript escapes. \\uHHHH gives its low byte (plus 0x20 for full-width
 * ASCII \\uFF01-\\uFF5E), \\xHH a byte, \\OOO one to three octal digits (two when a third would pass
 * 0377), \\a \\b \\f \\n \\r \\t \\v their control bytes, any other \\C gives C; a lone trailing
 * backslash stays.
 */
public final class JsDecode implements Transformation {
    @Override
    public String apply(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        int n = value.length();
        char[] out = new char[n];
        int j = 0;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c != '\\') {
                out[j++] = c;
                i++;
            } else if (i + 5 < n && value.charAt(i + 1) == 'u' && Latin1.isHex(value.charAt(i + 2))
                    && Latin1.isHex(value.charAt(i + 3)) && Latin1.isHex(value.charAt(i + 4))
                    && Latin1.isHex(value.charAt(i + 5))) {
                out[j++] = Latin1.lowByteFullWidth(value, i + 2);
                i += 6;
            } else if (i + 3 < n && value.charAt(i + 1) == 'x' && Latin1.isHex(value.charAt(i + 2))
                    && Latin1.isHex(value.charAt(i + 3))) {
                out[j++] = Latin1.x2c(value.charAt(i + 2), value.charAt(i + 3));
                i += 4;
            } else if (i + 1 < n && Latin1.isOctal(value.charAt(i + 1))) {
                int k = 0;
                while (k < 3 && i + 1 + k < n && Latin1.isOctal(value.charAt(i + 1 + k))) {
                    k++;
                }
                if (k == 3 && value.charAt(i + 1) > '3') {
                    k = 2;
                }
                out[j++] = (char) Integer.parseInt(value.substring(i + 1, i + 1 + k), 8);
                i += 1 + k;
            } else if (i + 1 < n) {
                out[j++] = simpleEscape(value.charAt(i + 1));
                i += 2;
            } else {
                out[j++] = c;
                i++;
            }
        }
        return Latin1.result(value, out, j);
    }

    /** The C escapes \a \b \f \n \r \t \v; any other char stands for itself. */
    static char simpleEscape(char c) {
        return switch (c) {
            case 'a' -> 7;
            case 'b' -> 8;
            case 'f' -> 12;
            case 'n' -> 10;
            case 'r' -> 13;
            case 't' -> 9;
            case 'v' -> 11;
            default -> c;
        };
    }
}
