package dev.rampart.engine.detect;

/**
 * Raw stream bytes of one flow direction that the reassembler delivered and detection has not
 * inspected yet (the stretch since the last inspection). Missing data (a gap the reassembler
 * skipped) splits the bytes into blocks that are inspected one by one, as Suricata's raw
 * reassembly hands each contiguous block to detection separately. Grows as needed up to
 * {@link #MAX}; beyond it the oldest bytes are dropped and counted. An inspected (consumed) window
 * hands its buffer to the stage's {@link Buffers} and takes one again with its next bytes: a flow
 * holds stream memory only while it has uninspected bytes, not for its whole life.
 */
final class StreamWindow {
    static final int MAX = 1 << 20;
    /** Blocks kept apart by gaps; more gaps than this merge the newest blocks (counted). */
    static final int MAX_BLOCKS = 64;

    private static final byte[] EMPTY = new byte[0];

    byte[] buf = EMPTY;
    int length;
    /** Stream offset of {@code buf[0]}. */
    long startOffset;
    /** Stream offset just past the last appended byte (gaps make it differ from startOffset + length). */
    long endOffset;
    long droppedBytes;
    /** Start of each block in {@code buf}; block i ends where block i+1 starts (the last at length). */
    final int[] blockStarts = new int[MAX_BLOCKS];
    int blockCount;
    /** Gaps that could not start a block of their own (more than {@link #MAX_BLOCKS}). */
    long mergedGaps;
    /** The next appended bytes start a new block: data is missing before them. */
    private boolean gapPending;

    /** The app-layer session's raw-inspection trigger count when this direction was last inspected. */
    long triggersSeen;

    /** Stream bytes below this offset were already inspected (SYN data): append drops them. */
    long skipUntil;

    void skipUntil(long offset) {
        skipUntil = Math.max(skipUntil, offset);
    }

    void append(byte[] data, int off, int len, long streamOffset) {
        append(data, off, len, streamOffset, Buffers.NONE);
    }

    /** Appends, taking a buffer from {@code buffers} when this window needs a (bigger) one. */
    void append(byte[] data, int off, int len, long streamOffset, Buffers buffers) {
        if (streamOffset < skipUntil) {
            int drop = (int) Math.min(len, skipUntil - streamOffset);
            off += drop;
            len -= drop;
            streamOffset += drop;
        }
        if (len <= 0) {
            return;
        }
        if (length == 0) {
            startOffset = streamOffset;
            blockCount = 0;
        } else if (gapPending || endOffset != streamOffset) {
            // data missing before these bytes: they start a block of their own
            startBlock();
        }
        gapPending = false;
        if (blockCount == 0) {
            blockStarts[0] = 0;
            blockCount = 1;
        }
        if (len > MAX) {
            droppedBytes += len - MAX;
            off += len - MAX;
            streamOffset += len - MAX;
            len = MAX;
            length = 0;
            startOffset = streamOffset;
            blockCount = 1;
            blockStarts[0] = 0;
        }
        if (length + len > MAX) {
            int drop = length + len - MAX;
            System.arraycopy(buf, drop, buf, 0, length - drop);
            length -= drop;
            startOffset += drop;
            droppedBytes += drop;
            int kept = 0;
            for (int i = 0; i < blockCount; i++) {
                int s = blockStarts[i] - drop;
                if (s > 0 || kept == 0) {
                    blockStarts[kept++] = Math.max(s, 0);
                } else {
                    blockStarts[kept - 1] = 0;
                }
            }
            blockCount = kept;
        }
        if (length + len > buf.length) {
            byte[] n = buffers.take(length + len);
            if (n == null) {
                n = new byte[Math.min(MAX, Math.max(length + len, Math.max(4096, buf.length * 2)))];
            }
            System.arraycopy(buf, 0, n, 0, length);
            buffers.give(buf); // outgrown: another window may fit in it
            buf = n;
        }
        System.arraycopy(data, off, buf, length, len);
        length += len;
        endOffset = streamOffset + len;
    }

    private void startBlock() {
        if (blockCount == MAX_BLOCKS) {
            mergedGaps++;
            return;
        }
        blockStarts[blockCount++] = length;
    }

    /** Data is missing for good before the next appended bytes. */
    void gap() {
        if (length > 0) {
            gapPending = true;
        }
    }

    int blockEnd(int i) {
        return i + 1 < blockCount ? blockStarts[i + 1] : length;
    }

    /** Buffers up to this size stay with a recycled window; bigger ones are dropped (bounded pool memory). */
    static final int KEEP_ON_RECYCLE = 64 * 1024;

    /** Empty again for another flow. */
    void recycle() {
        length = 0;
        startOffset = 0;
        skipUntil = 0;
        triggersSeen = 0;
        droppedBytes = 0;
        if (buf.length > KEEP_ON_RECYCLE) {
            buf = new byte[0];
        }
    }

    void consumed() {
        startOffset = endOffset;
        length = 0;
        blockCount = 0;
        gapPending = false;
    }

    /** Inspected: as {@link #consumed()}, and the empty buffer goes back to {@code buffers}. */
    void consumed(Buffers buffers) {
        consumed();
        if (buffers.give(buf)) {
            buf = EMPTY;
        }
    }

    /**
     * Window buffers of one detect stage (so of one thread): those of inspected windows, kept for
     * windows that get bytes next. Bounded in count and buffer size; a buffer it does not keep
     * stays with its window.
     */
    static final class Buffers {
        /** Keeps nothing: windows own their buffers (tests, callers without a stage). */
        static final Buffers NONE = new Buffers(0);
        static final int MAX_KEPT = 256;

        private final byte[][] kept;
        private int count;

        Buffers(int maxKept) {
            kept = new byte[maxKept][];
        }

        /** A kept buffer of at least {@code min} bytes (stale content), or null. */
        byte[] take(int min) {
            for (int i = count - 1; i >= 0; i--) {
                byte[] b = kept[i];
                if (b.length >= min) {
                    kept[i] = kept[--count];
                    kept[count] = null;
                    return b;
                }
            }
            return null;
        }

        /** Keeps {@code b} unless it is empty, above {@link #KEEP_ON_RECYCLE} or the set is full. */
        boolean give(byte[] b) {
            if (b.length == 0 || b.length > KEEP_ON_RECYCLE || count == kept.length) {
                return false;
            }
            kept[count++] = b;
            return true;
        }

        int size() {
            return count;
        }
    }
}
