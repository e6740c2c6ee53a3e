package dev.rampart.engine.applayer;

import java.util.Arrays;

/**
 * One direction's stream bytes a message parser holds until they make whole messages: appended as
 * they arrive, read from the front when a chunk ends, the read part dropped. A buffer grown for a
 * large message is given back once it is nearly empty again.
 */
public final class HeldBytes {
    private final int initial;
    private byte[] buf;
    private int fill;

    public HeldBytes(int initial) {
        this.initial = initial;
        this.buf = new byte[initial];
    }

    /** The bytes; valid from 0 to {@link #length()}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return fill;
    }

    public void append(byte[] data, int off, int len) {
        if (fill + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(fill + len, buf.length * 2));
        }
        System.arraycopy(data, off, buf, fill, len);
        fill += len;
    }

    /** Drops the first {@code n} bytes (what the parser read). */
    public void consume(int n) {
        System.arraycopy(buf, n, buf, 0, fill - n);
        fill -= n;
        if (buf.length > 8 * initial && fill < initial) {
            buf = Arrays.copyOf(buf, initial); // a large message passed: give its room back
        }
    }

    public void clear() {
        fill = 0;
    }
}
