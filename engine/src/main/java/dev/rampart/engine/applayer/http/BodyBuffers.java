package dev.rampart.engine.applayer.http;

/**
 * Body buffers of the thread's HTTP messages, by size class (powers of two from 4 KiB; a
 * body limit that is no power of two is a class of its own): a body past
 * {@link HttpMessage#POOLED_FROM} takes one of its class, gives it back when it outgrows it
 * and when its transaction is recycled. Fresh arrays for bodies lived long enough to be
 * promoted (a transaction spans many packets of interleaved flows) and died in the old
 * generation, which cost full collections. One pool per thread (each packet thread owns its
 * flows), bounded to {@link #MAX_KEPT} buffers.
 */
final class BodyBuffers {
    static final int MAX_KEPT = 256;
    /** Bigger buffers (a body limit raised past this) are not kept: allocated and let go as before. */
    static final int MAX_POOLED_SIZE = 1 << 20;
    /** The smallest class, 4 KiB. */
    static final int MIN_CLASS_SIZE = 4096;
    /** Class index = ceil(log2(size)): 4 KiB .. 1 MiB. */
    private static final int MIN_CLASS = 12, MAX_CLASS = 20;

    private static final ThreadLocal<BodyBuffers> PER_THREAD = ThreadLocal.withInitial(BodyBuffers::new);

    /** Per class, a stack of kept buffers (whose length is in (2^(c-1), 2^c]). */
    private final byte[][][] kept = new byte[MAX_CLASS + 1][][];
    private final int[] counts = new int[MAX_CLASS + 1];
    private int count;

    static BodyBuffers ofThisThread() {
        return PER_THREAD.get();
    }

    /** The buffer size for a body that needs {@code need} bytes: its power of two (4 KiB at least), the limit at most. */
    static int sizeClass(int need, int limit) {
        int n = Math.max(need, MIN_CLASS_SIZE);
        int pow = n > (1 << 30) ? Integer.MAX_VALUE : Integer.highestOneBit(n - 1) << 1;
        return Math.min(limit, pow);
    }

    private static int classOf(int size) {
        return Math.max(MIN_CLASS, 32 - Integer.numberOfLeadingZeros(size - 1));
    }

    /** A kept buffer of at least {@code min} bytes, of the smallest class that has one, or null; its content is stale. */
    byte[] take(int min) {
        for (int c = classOf(Math.max(min, 1)); c <= MAX_CLASS; c++) {
            int n = counts[c];
            if (n > 0 && kept[c][n - 1].length >= min) {
                byte[] b = kept[c][n - 1];
                kept[c][--counts[c]] = null;
                count--;
                return b;
            }
        }
        return null;
    }

    /** Keeps {@code b} for a later body unless the pool is full or {@code b} is outside the classes. */
    void give(byte[] b) {
        if (count >= MAX_KEPT || b.length > MAX_POOLED_SIZE || b.length < MIN_CLASS_SIZE) {
            return;
        }
        int c = classOf(b.length);
        if (kept[c] == null) {
            kept[c] = new byte[8][];
        } else if (counts[c] == kept[c].length) {
            kept[c] = java.util.Arrays.copyOf(kept[c], Math.min(MAX_KEPT, counts[c] * 2));
        }
        kept[c][counts[c]++] = b;
        count++;
    }

    int size() {
        return count;
    }
}
