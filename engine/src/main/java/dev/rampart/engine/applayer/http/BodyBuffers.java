package dev.rampart.engine.applayer.http;

/**
 * Body buffers above {@link HttpMessage#KEEP_ON_RECYCLE} that recycled transactions gave back, for
 * the next large body on the same thread. A body that outgrows {@link HttpMessage#POOLED_FROM}
 * takes one of these (of the full body limit) instead of doubling its way up to the limit with a
 * new array at every step: nearly every large body was fresh garbage that lived long enough to be
 * promoted (a transaction spans many packets of interleaved flows), which cost old-generation
 * collections. One pool per thread (each
 * packet thread owns its flows), bounded, so memory stays at most {@link #MAX_KEPT} buffers.
 */
final class BodyBuffers {
    static final int MAX_KEPT = 256;
    /** Bigger buffers (a body limit raised past this) are not kept: allocated and let go as before. */
    static final int MAX_POOLED_SIZE = 1 << 20;

    private static final ThreadLocal<BodyBuffers> PER_THREAD = ThreadLocal.withInitial(BodyBuffers::new);

    private final byte[][] kept = new byte[MAX_KEPT][];
    private int count;

    static BodyBuffers ofThisThread() {
        return PER_THREAD.get();
    }

    /** A kept buffer of at least {@code min} bytes, or null; its content is stale. */
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

    /** Keeps {@code b} for a later body unless the pool is full or {@code b} is too big to keep. */
    void give(byte[] b) {
        if (count < MAX_KEPT && b.length <= MAX_POOLED_SIZE) {
            kept[count++] = b;
        }
    }

    int size() {
        return count;
    }
}
