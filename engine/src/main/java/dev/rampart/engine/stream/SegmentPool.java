package dev.rampart.engine.stream;

/**
 * Bounded segment pool: segments are created on demand up to the reassembly memcap and reused
 * from a free list after that, so steady state allocates nothing.
 */
final class SegmentPool {
    private final int capacity;
    private final int max;
    private TcpSegment free;
    private int created;
    private int inUse;

    SegmentPool(int capacity, int max) {
        this.capacity = capacity;
        this.max = max;
    }

    /** Returns a cleared segment, or null when the memcap is reached. */
    TcpSegment acquire() {
        TcpSegment s = free;
        if (s != null) {
            free = s.next;
        } else if (created < max) {
            s = new TcpSegment(capacity);
            created++;
        } else {
            return null;
        }
        s.next = s.prev = null;
        s.offset = 0;
        s.length = 0;
        inUse++;
        return s;
    }

    void release(TcpSegment s) {
        s.prev = null;
        s.next = free;
        free = s;
        inUse--;
    }

    int capacity() {
        return capacity;
    }

    int inUse() {
        return inUse;
    }

    int created() {
        return created;
    }

    int available() {
        return (max - created) + (created - inUse);
    }

    long memuse() {
        return (long) inUse * (capacity + StreamConfig.SEGMENT_OVERHEAD);
    }
}
