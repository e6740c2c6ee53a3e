package dev.rampart.engine.detect.payload;

/**
 * Reading numbers out of a buffer the way Suricata's byte_* keywords do: binary big/little endian
 * up to 8 bytes, and text with C's strtoull rules (leading white space, a sign, an optional 0x for
 * base 16, the longest run of digits; a NUL ends the text). Results go to the scratch so that
 * nothing is allocated.
 */
final class ByteReader {
    private ByteReader() {
    }

    /** Big or little endian value of {@code n} (1..8) bytes at {@code at}. */
    static long binary(byte[] d, int at, int n, boolean little) {
        long v = 0;
        if (little) {
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (d[at + i] & 0xFF);
            }
        } else {
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (d[at + i] & 0xFF);
            }
        }
        return v;
    }

    /**
     * Reads the field of {@code n} bytes at buffer position {@code ptr} of the scratch's buffer as
     * text ({@code string}, with {@code radix}) or binary; the value goes to {@code s.numberOut[0]}.
     *
     * @return bytes consumed ({@code n} for binary, possibly 0), or {@link #FAILED} when there is no
     *         number: text without digits, or a binary field over 8 bytes
     */
    static int number(InspectScratch s, long ptr, int n, boolean string, int radix, boolean little) {
        if (string) {
            int consumed = text(s.data, s.base + (int) ptr, n, radix, s.numberOut);
            return consumed <= 0 ? FAILED : consumed;
        }
        if (n > 8) {
            return FAILED;
        }
        s.numberOut[0] = binary(s.data, s.base + (int) ptr, n, little);
        return n;
    }

    /** A byte_* bitmask: keep the masked bits and shift them down to bit 0 (as Suricata does). */
    static long applyMask(long val, long mask) {
        val &= mask;
        int shift = maskShift(mask);
        return val != 0 && shift != 0 ? val >>> shift : val;
    }

    /** Sentinel for an unreadable text value (no digits, or out of the 64-bit range). */
    static final int FAILED = -1;

    /**
     * Parses {@code d[at, at + n)} like strtoull with {@code radix} (0: C prefixes); stores the value
     * in {@code out[0]} and returns the characters consumed, or {@link #FAILED}.
     */
    static int text(byte[] d, int at, int n, int radix, long[] out) {
        int end = at + n;
        for (int i = at; i < end; i++) {
            if (d[i] == 0) {
                end = i;
                break;
            }
        }
        int i = at;
        while (i < end && isSpace(d[i])) {
            i++;
        }
        boolean negative = false;
        if (i < end && (d[i] == '+' || d[i] == '-')) {
            negative = d[i] == '-';
            i++;
        }
        int base = radix;
        if ((base == 16 || base == 0) && i + 2 < end && d[i] == '0' && (d[i + 1] == 'x' || d[i + 1] == 'X')
                && digit(d[i + 2], 16) >= 0) {
            i += 2;
            base = 16;
        } else if (base == 0) {
            base = i < end && d[i] == '0' ? 8 : 10;
        }
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        while (i < end) {
            int dv = digit(d[i], base);
            if (dv < 0) {
                break;
            }
            long mul = v * base;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, base)) > 0
                    || Long.compareUnsigned(mul + dv, mul) < 0) {
                overflow = true;
            }
            v = mul + dv;
            i++;
        }
        if (i == digitsStart || overflow) {
            out[0] = 0;
            return FAILED;
        }
        out[0] = negative ? -v : v;
        return i - at;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static int digit(byte b, int base) {
        int c = b & 0xFF;
        int v;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            v = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            v = c - 'A' + 10;
        } else {
            return -1;
        }
        return v < base ? v : -1;
    }

    /** The shift Suricata applies after a bitmask: the number of trailing zero bits of the mask. */
    static int maskShift(long mask) {
        return mask == 0 ? 0 : Long.numberOfTrailingZeros(mask);
    }
}
