package dev.rampart.engine.applayer.snmp;

/**
 * A minimal BER reader over one datagram: definite lengths (short form, or long form of up to four
 * bytes), low tag numbers (multi-byte tag numbers and indefinite lengths are not SNMP's and read as
 * malformed). A reader never throws: {@link #next} says whether a whole element was there.
 */
final class Ber {
    static final int UNIVERSAL = 0;
    static final int APPLICATION = 1;
    static final int CONTEXT = 2;

    static final int INTEGER = 2;
    static final int OCTET_STRING = 4;
    static final int OID = 6;
    static final int SEQUENCE = 16;

    final byte[] b;
    /** The next element's first byte. */
    int pos;
    final int end;

    /** The element {@link #next} read: class, constructed bit, tag number, content bounds. */
    int cls;
    boolean constructed;
    int tag;
    int start;
    int len;
    /** The element ran past the end (more bytes would be needed), rather than being wrong. */
    boolean incomplete;

    Ber(byte[] b, int off, int end) {
        this.b = b;
        this.pos = off;
        this.end = end;
    }

    /** Reads the next element's header and passes over its content; false when none can be read. */
    boolean next() {
        incomplete = false;
        if (pos >= end) {
            incomplete = true;
            return false;
        }
        int id = b[pos] & 0xFF;
        cls = id >>> 6;
        constructed = (id & 0x20) != 0;
        tag = id & 0x1F;
        if (tag == 0x1F) {
            return false;
        }
        int p = pos + 1;
        if (p >= end) {
            incomplete = true;
            return false;
        }
        int first = b[p++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 4) {
                return false; // indefinite, or longer than any datagram
            }
            if (end - p < n) {
                incomplete = true;
                return false;
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (b[p++] & 0xFF);
            }
        }
        if (end - p < length) {
            incomplete = true;
            return false;
        }
        start = p;
        len = (int) length;
        pos = p + len;
        return true;
    }

    /** Reads the next element, which must be a universal one of {@code universalTag}. */
    boolean next(int universalTag) {
        return next() && cls == UNIVERSAL && tag == universalTag;
    }

    /** A reader over the content of the element just read. */
    Ber inner() {
        return new Ber(b, start, start + len);
    }

    /** The INTEGER just read as an unsigned 32-bit value, or -1 (negative, too large, empty). */
    long u32() {
        if (len == 0 || (b[start] & 0x80) != 0) {
            return -1;
        }
        int s = start;
        int n = len;
        while (n > 1 && b[s] == 0) {
            s++;
            n--;
        }
        if (n > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[s + i] & 0xFF);
        }
        return v;
    }

    /** Reads an INTEGER that fits an unsigned 32-bit value, or returns -1. */
    long nextU32() {
        return next(INTEGER) ? u32() : -1;
    }

    /** The content just read as bytes. */
    byte[] content() {
        return java.util.Arrays.copyOfRange(b, start, start + len);
    }

    /**
     * The OID just read in dotted form, or null when its encoding is cut. As Suricata's OID printing:
     * the first byte alone gives the first two arcs (byte / 40, byte % 40), so an OID under 2 with a
     * large second arc prints oddly ("2.999.1" as "3.16.55.1", measured); later arcs are base 128.
     */
    String oid() {
        if (len == 0) {
            return null;
        }
        int first = b[start] & 0xFF;
        StringBuilder sb = new StringBuilder().append(first / 40).append('.').append(first % 40);
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        boolean pending = false;
        for (int i = start + 1; i < start + len; i++) {
            int c = b[i] & 0xFF;
            v = v.shiftLeft(7).or(java.math.BigInteger.valueOf(c & 0x7F));
            pending = true;
            if ((c & 0x80) == 0) {
                sb.append('.').append(v);
                v = java.math.BigInteger.ZERO;
                pending = false;
            }
        }
        return pending ? null : sb.toString();
    }
}
