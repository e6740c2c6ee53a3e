package dev.rampart.engine.detect;

/**
 * Raw stream bytes of one flow direction that the reassembler delivered and detection has not
 * inspected yet (the stretch since the last inspection). Grows as needed up to {@link #MAX};
 * beyond it the oldest bytes are dropped and counted.
 */
final class StreamWindow {
    static final int MAX = 1 << 20;

    byte[] buf = new byte[0];
    int length;
    /** Stream offset of {@code buf[0]}. */
    long startOffset;
    long droppedBytes;

    void append(byte[] data, int off, int len, long streamOffset) {
        if (length == 0) {
            startOffset = streamOffset;
        } else if (startOffset + length != streamOffset) {
            // not contiguous (a gap was skipped): start over at the new data
            length = 0;
            startOffset = streamOffset;
        }
        if (len > MAX) {
            droppedBytes += len - MAX;
            off += len - MAX;
            streamOffset += len - MAX;
            len = MAX;
            length = 0;
            startOffset = streamOffset;
        }
        if (length + len > MAX) {
            int drop = length + len - MAX;
            System.arraycopy(buf, drop, buf, 0, length - drop);
            length -= drop;
            startOffset += drop;
            droppedBytes += drop;
        }
        if (length + len > buf.length) {
            byte[] n = new byte[Math.min(MAX, Math.max(length + len, Math.max(4096, buf.length * 2)))];
            System.arraycopy(buf, 0, n, 0, length);
            buf = n;
        }
        System.arraycopy(data, off, buf, length, len);
        length += len;
    }

    void gap() {
        length = 0;
    }

    /** Buffers up to this size stay with a recycled window; bigger ones are dropped (bounded pool memory). */
    static final int KEEP_ON_RECYCLE = 64 * 1024;

    /** Empty again for another flow. */
    void recycle() {
        length = 0;
        startOffset = 0;
        droppedBytes = 0;
        if (buf.length > KEEP_ON_RECYCLE) {
            buf = new byte[0];
        }
    }

    void consumed() {
        startOffset += length;
        length = 0;
    }
}
