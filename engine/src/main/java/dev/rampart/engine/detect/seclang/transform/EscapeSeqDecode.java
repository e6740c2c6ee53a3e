package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:escapeSeqDecode}: ANSI C escapes: \\a \\b \\f \\n \\r \\t \\v \\\\ \\? \\' \\", \\xHH (exactly two
 * hex digits), \\O to \\OOO octal (its low byte, so \\777 gives 0xFF). An unknown or invalid escape
 * drops the backslash and keeps the next char (\\xZ gives xZ); a trailing backslash stays.
 */
public final class EscapeSeqDecode implements Transformation {
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
            if (c != '\\' || i + 1 >= n) {
                out[j++] = c;
                i++;
                continue;
            }
            char e = value.charAt(i + 1);
            int d = switch (e) {
                case 'a' -> 7;
                case 'b' -> 8;
                case 'f' -> 12;
                case 'n' -> 10;
                case 'r' -> 13;
                case 't' -> 9;
                case 'v' -> 11;
                case '\\', '?', '\'', '"' -> e;
                default -> -1;
            };
            if (d != -1) {
                i += 2;
            } else if (e == 'x' || e == 'X') {
                if (i + 3 < n && Latin1.isHex(value.charAt(i + 2)) && Latin1.isHex(value.charAt(i + 3))) {
                    d = Latin1.x2c(value.charAt(i + 2), value.charAt(i + 3));
                    i += 4;
                }
            } else if (Latin1.isOctal(e)) {
                int k = 0;
                while (k < 3 && i + 1 + k < n && Latin1.isOctal(value.charAt(i + 1 + k))) {
                    k++;
                }
                d = Integer.parseInt(value.substring(i + 1, i + 1 + k), 8) & 0xFF;
                i += 1 + k;
            }
            if (d == -1) {
                out[j++] = e;
                i += 2;
            } else {
                out[j++] = (char) d;
            }
        }
        return Latin1.result(value, out, j);
    }
}
