package dev.rampart.engine.detect.seclang.transform;

/** Byte helpers shared by the transformations (C locale ctype, ModSecurity's hex helpers). */
final class Latin1 {

    /** ModSecurity's non-breaking space byte, counted as whitespace by some transformations. */
    static final char NBSP = 0xA0;

    private Latin1() {
    }

    /** C locale isspace: space, \t, \n, \v, \f, \r. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= 9 && c <= 13);
    }

    static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isOctal(int c) {
        return c >= '0' && c <= '7';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static char toLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** ModSecurity's unchecked single hex digit value, modulo 256 as its unsigned char math. */
    static int xdigit(int c) {
        return (c >= 'A' ? ((c & 0xdf) - 'A') + 10 : c - '0') & 0xFF;
    }

    /** ModSecurity's x2c: two hex digits to a byte, without validation (garbage in, byte out). */
    static char x2c(int hi, int lo) {
        return (char) ((xdigit(hi) * 16 + xdigit(lo)) & 0xFF);
    }

    /** Full-width ASCII (U+FF01..U+FF5E written as %uFFxx / \\uFFxx): ModSecurity adds 0x20 to the low byte. */
    static char lowByteFullWidth(String s, int hexStart) {
        char d = x2c(s.charAt(hexStart + 2), s.charAt(hexStart + 3));
        char h1 = s.charAt(hexStart);
        char h2 = s.charAt(hexStart + 1);
        if (d > 0 && d < 0x5f && (h1 == 'f' || h1 == 'F') && (h2 == 'f' || h2 == 'F')) {
            d += 0x20;
        }
        return d;
    }

    /** The input itself when the output equals it (callers test identity to skip work). */
    static String result(String in, char[] out, int len) {
        if (len == in.length()) {
            boolean same = true;
            for (int i = 0; i < len; i++) {
                if (out[i] != in.charAt(i)) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return in;
            }
        }
        return new String(out, 0, len);
    }

    static String result(String in, StringBuilder out) {
        return out.length() == in.length() && in.contentEquals(out) ? in : out.toString();
    }

    /** Index of the first NUL, or the length: ModSecurity's NUL-terminated loops stop there. */
    static int cString(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s.length() : z;
    }

}
