package dev.rampart.engine.stream;

/**
 * Bounded segment pool with three size classes (the configured segment size, 16 KiB and 64 KiB,
 * so a large offloaded segment stays one segment, as in Suricata's segment list). Segments are
 * created on demand until the reassembly memcap (counted in capacity bytes) is reached and reused
 * from per-class free lists after that, so steady state allocates nothing.
 */
final class SegmentPool {
    static final int MAX_PAYLOAD = 65536;

    private final int[] capacities;
    private final TcpSegment[] free;
    private final long memcap;
    private long used;
    private long created;
    private int inUse;
    private int createdCount;

    SegmentPool(int smallCapacity, long memcap) {
        int small = Math.max(16, Math.min(smallCapacity, MAX_PAYLOAD));
        int mid = Math.max(small, 16384);
        this.capacities = new int[] {small, mid, MAX_PAYLOAD};
        this.free = new TcpSegment[capacities.length];
        this.memcap = memcap;
    }

    private int classOf(int len) {
        for (int c = 0; c < capacities.length; c++) {
            if (len <= capacities[c]) {
                return c;
            }
        }
        return capacities.length - 1;
    }

    static long cost(int capacity) {
        return (long) capacity + StreamConfig.SEGMENT_OVERHEAD;
    }

    /** True when a segment for {@code len} bytes can be had without passing the memcap. */
    boolean canAcquire(int len) {
        return used + cost(capacities[classOf(len)]) <= memcap;
    }

    /** Returns a cleared segment holding up to {@code len} bytes, or null at the memcap. */
    TcpSegment acquire(int len) {
        int c = classOf(len);
        long cost = cost(capacities[c]);
        if (used + cost > memcap) {
            return null;
        }
        TcpSegment s = free[c];
        if (s != null) {
            free[c] = s.next;
        } else {
            s = new TcpSegment(capacities[c]);
            created += cost;
            createdCount++;
        }
        used += cost;
        s.next = s.prev = null;
        s.offset = 0;
        s.length = 0;
        inUse++;
        return s;
    }

    void release(TcpSegment s) {
        int c = classOf(s.data.length);
        s.prev = null;
        s.next = free[c];
        free[c] = s;
        used -= cost(s.data.length);
        inUse--;
    }

    int largestCapacity() {
        return capacities[capacities.length - 1];
    }

    int inUse() {
        return inUse;
    }

    int created() {
        return createdCount;
    }

    /** Bytes of segment memory allocated so far (pooled, in use or free). */
    long createdBytes() {
        return created;
    }

    long memuse() {
        return used;
    }

    long memcap() {
        return memcap;
    }
}
