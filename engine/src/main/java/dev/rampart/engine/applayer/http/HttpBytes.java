package dev.rampart.engine.applayer.http;

/** Small byte helpers (ASCII only, as HTTP/1.x syntax is). */
final class HttpBytes {
    private HttpBytes() {}

    static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    static boolean equalsIgnoreCase(byte[] a, int off, int len, byte[] lowerName) {
        if (len != lowerName.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower(a[off + i] & 0xff) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean equalsIgnoreCase(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        if (aLen != bLen) {
            return false;
        }
        for (int i = 0; i < aLen; i++) {
            if (lower(a[aOff + i] & 0xff) != lower(b[bOff + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWithIgnoreCase(byte[] a, int off, int len, byte[] lowerPrefix) {
        if (len < lowerPrefix.length) {
            return false;
        }
        return equalsIgnoreCase(a, off, lowerPrefix.length, lowerPrefix);
    }

    /** Index of {@code lowerNeedle} in the range, case-insensitive, or -1. */
    static int indexOfIgnoreCase(byte[] a, int off, int len, byte[] lowerNeedle) {
        for (int i = off; i + lowerNeedle.length <= off + len; i++) {
            if (equalsIgnoreCase(a, i, lowerNeedle.length, lowerNeedle)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isLws(int b) {
        return b == ' ' || b == '\t';
    }

    /** libhtp's whitespace for request-line parsing: SP, HT, VT, FF, CR. */
    static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == 0x0b || b == 0x0c || b == '\r';
    }

    static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        b = lower(b);
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
