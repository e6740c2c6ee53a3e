package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:cssDecode}: CSS 2 escapes. A backslash with 1 to 6 hex digits gives the last two
 * digits' byte (one digit: its value); with 4 digits, or 5/6 digits led by 0/00, full-width ASCII
 * (FF01-FF5E) gets 0x20 added; one whitespace after a hex escape is eaten. Backslash-newline is
 * dropped, backslash-other gives the other char, a trailing backslash is dropped.
 */
public final class CssDecode implements Transformation {
    @Override
    public String apply(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        int n = value.length();
        char[] out = new char[n];
        int d = 0;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c != '\\') {
                out[d++] = c;
                i++;
                continue;
            }
            if (i + 1 >= n) {
                i++; // a trailing backslash continues to nothing
                continue;
            }
            i++;
            int j = 0;
            while (j < 6 && i + j < n && Latin1.isHex(value.charAt(i + j))) {
                j++;
            }
            if (j > 0) {
                boolean fullCheck = false;
                char b = j == 1 ? (char) Latin1.xdigit(value.charAt(i))
                        : Latin1.x2c(value.charAt(i + j - 2), value.charAt(i + j - 1));
                if (j == 4) {
                    fullCheck = true;
                } else if (j == 5) {
                    fullCheck = value.charAt(i) == '0';
                } else if (j == 6) {
                    fullCheck = value.charAt(i) == '0' && value.charAt(i + 1) == '0';
                }
                if (fullCheck && b > 0 && b < 0x5f && isF(value.charAt(i + j - 3)) && isF(value.charAt(i + j - 4))) {
                    b += 0x20;
                }
                out[d++] = b;
                if (i + j < n && Latin1.isSpace(value.charAt(i + j))) {
                    j++;
                }
                i += j;
            } else if (value.charAt(i) == '\n') {
                i++;
            } else {
                out[d++] = value.charAt(i++);
            }
        }
        return Latin1.result(value, out, d);
    }

    private static boolean isF(char c) {
        return c == 'f' || c == 'F';
    }
}
