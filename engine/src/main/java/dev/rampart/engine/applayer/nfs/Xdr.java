package dev.rampart.engine.applayer.nfs;

/**
 * A reading position over XDR data (big-endian 32-bit words) that remembers why it stopped: the
 * data ended before a field ({@link #INCOMPLETE}, what a streaming parser calls needing more) or a
 * field had a value the parser refuses ({@link #ERROR}). Once stopped every read returns 0.
 */
final class Xdr {
    static final int OK = 0;
    static final int INCOMPLETE = 1;
    static final int ERROR = 2;

    byte[] b;
    int p;
    int end;
    int state;

    Xdr at(byte[] b, int p, int end) {
        this.b = b;
        this.p = p;
        this.end = end;
        this.state = OK;
        return this;
    }

    boolean ok() {
        return state == OK;
    }

    int left() {
        return end - p;
    }

    /** An unsigned 32-bit word, or 0 when stopped. */
    long u32() {
        if (state != OK) {
            return 0;
        }
        if (end - p < 4) {
            state = INCOMPLETE;
            return 0;
        }
        long v = (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
        p += 4;
        return v;
    }

    long u64() {
        long hi = u32();
        long lo = u32();
        return hi << 32 | lo;
    }

    /** A word that must be at most {@code max} (else {@link #ERROR}). */
    long atMost(long max) {
        long v = u32();
        if (state == OK && v > max) {
            state = ERROR;
        }
        return v;
    }

    /** Skips {@code n} bytes; returns where they start. */
    int take(long n) {
        int start = p;
        if (state != OK) {
            return start;
        }
        if (n < 0) {
            state = ERROR; // a length read into an int that does not fit
            return start;
        }
        if (n > end - p) {
            state = INCOMPLETE;
            return start;
        }
        p += (int) n;
        return start;
    }

    /** Skips the fill bytes after {@code n} bytes of opaque data. */
    void pad(long n) {
        if (n % 4 != 0) {
            take(4 - n % 4);
        }
    }

    void fail() {
        if (state == OK) {
            state = ERROR;
        }
    }
}
