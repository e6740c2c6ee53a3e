package dev.rampart.engine.applayer;

/**
 * A reusable view of bytes {@code [offset, offset + length)} of an array that someone else owns
 * (a transaction's storage, a packet copy). App-layer parsers fill one to hand out a field
 * without copying; the view is valid until that owner next changes.
 */
public final class Slice {
    public byte[] array;
    public int offset;
    public int length;

    public Slice set(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public Slice clear() {
        array = null;
        offset = 0;
        length = 0;
        return this;
    }

    public boolean isEmpty() {
        return array == null || length == 0;
    }

    /** A copy as ISO-8859-1 text, for tests and diagnostics (allocates). */
    @Override
    public String toString() {
        return array == null ? "" : new String(array, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
