package dev.rampart.engine.detect.threshold;

import dev.rampart.rules.Action;

/**
 * Threshold counters (Suricata keeps them in host, IP-pair, flow storage and a
 * per-rule array; here one bounded open-addressing table holds all four kinds). Entries are
 * preallocated parallel arrays; a lookup probes a short window, a new key takes a free or expired
 * slot there, and when the window is full the entry that expires first is evicted and counted.
 * Time is packet time. Not thread-safe: the workers that share one (see {@code HostState}) hold its
 * owner's monitor around {@link #decide} and {@link #rateAction}. The arrays (4.7 MB for 64k
 * entries) are made on the first decision that needs an entry, not with the table: most runs
 * never reach one, and the table is made during rule load, where each young collection copied
 * them. Allocates nothing after that.
 *
 * <p>{@link #decide} implements Suricata's PacketAlertHandle for one queued alert: suppress
 * entries first, then the rule's threshold. Its result: {@link #ALERT} log and apply the rule's
 * actions, {@link #SILENT} apply the actions but do not log, {@link #NONE} neither.
 */
public final class ThresholdTable {
    public static final int NONE = 0;
    public static final int ALERT = 1;
    public static final int SILENT = 2;

    private static final byte HOST = 1;
    private static final byte PAIR = 2;
    private static final byte RULE = 3;
    private static final byte FLOW = 4;
    private static final int PROBES = 16;
    private static final long NANOS = 1_000_000_000L;

    private final int mask;
    private byte[] kind;
    private long[] id;
    private byte[] version;
    private long[] aHi;
    private long[] aLo;
    private long[] bHi;
    private long[] bLo;
    /** Start of the current window. */
    private long[] tv1;
    private long[] count;
    /** rate_filter: second in which the new action was switched on, 0 when off. */
    private long[] rateSince;
    /**
     * Packet time after which the entry is equivalent to no entry and may be reused (a rate_filter
     * entry with its new action on only once the next decision switched it off); also the
     * eviction order.
     */
    private long[] reclaimAt;
    /** {@link ThresholdSpec.Kind#BACKOFF}: the match number of the next alert. */
    private long[] next;

    private Action rateAction;
    private long entries;
    private long evictions;

    /** @param capacity entries, rounded up to a power of two */
    public ThresholdTable(int capacity) {
        mask = (Integer.highestOneBit(Math.max(PROBES, capacity - 1)) << 1) - 1;
    }

    private void allocate() {
        int n = mask + 1;
        kind = new byte[n];
        id = new long[n];
        version = new byte[n];
        aHi = new long[n];
        aLo = new long[n];
        bHi = new long[n];
        bLo = new long[n];
        tv1 = new long[n];
        count = new long[n];
        rateSince = new long[n];
        reclaimAt = new long[n];
        next = new long[n];
    }

    /**
     * The decision for one alert of rule {@code (gid, sid)} (evaluation position {@code order}) on
     * a packet. {@code flowId} is ignored unless {@code hasFlow}. After a rate_filter decision,
     * {@link #rateAction()} holds the action that replaces the rule's, or null.
     */
    public int decide(SuppressSpec[] suppress, ThresholdSpec spec, long gid, long sid, int order, int ipVersion,
            long srcHi, long srcLo, long dstHi, long dstLo, long nowNanos, boolean hasFlow, long flowId) {
        rateAction = null;
        if (ipVersion == 0) {
            return ALERT; // thresholds apply to IP packets only
        }
        if (suppress != null) {
            for (SuppressSpec s : suppress) {
                if (s.suppresses(ipVersion, srcHi, srcLo, dstHi, dstLo)) {
                    return SILENT;
                }
            }
        }
        if (spec == null) {
            return ALERT;
        }
        long sidGid = gid << 32 | sid;
        int slot;
        switch (spec.track) {
            case SRC -> slot = find(HOST, sidGid, ipVersion, srcHi, srcLo, 0, 0, nowNanos);
            case DST -> slot = find(HOST, sidGid, ipVersion, dstHi, dstLo, 0, 0, nowNanos);
            case BOTH -> {
                // an IP pair is the same whichever way the packet goes
                boolean srcFirst = Long.compareUnsigned(srcHi, dstHi) < 0
                        || srcHi == dstHi && Long.compareUnsigned(srcLo, dstLo) <= 0;
                slot = srcFirst ? find(PAIR, sidGid, ipVersion, srcHi, srcLo, dstHi, dstLo, nowNanos)
                        : find(PAIR, sidGid, ipVersion, dstHi, dstLo, srcHi, srcLo, nowNanos);
            }
            case RULE -> slot = find(RULE, order, 0, 0, 0, 0, 0, nowNanos);
            case FLOW -> {
                if (!hasFlow) {
                    return NONE;
                }
                slot = find(FLOW, sidGid, 0, flowId, 0, 0, 0, nowNanos);
            }
            default -> throw new IllegalStateException();
        }
        // an expired entry behaves as no entry at all, except a rate_filter whose new action is on:
        // the packet that finds its timeout over only switches it off
        boolean existing = kind[slot] != 0 && (nowNanos <= reclaimAt[slot] || rateSince[slot] != 0);
        return existing ? update(slot, spec, nowNanos) : first(slot, spec, nowNanos);
    }

    /** The action a rate_filter switched the last decided alert to, or null. */
    public Action rateAction() {
        return rateAction;
    }

    /** Suricata's ThresholdHandlePacket with an entry present. */
    private int update(int s, ThresholdSpec spec, long now) {
        boolean within = now <= tv1[s] + spec.windowNanos;
        int ret = NONE;
        switch (spec.kind) {
            case LIMIT -> {
                if (within) {
                    count[s]++;
                    ret = count[s] <= spec.count ? ALERT : SILENT;
                } else {
                    restart(s, now);
                    ret = ALERT;
                }
            }
            case THRESHOLD -> {
                if (within) {
                    count[s]++;
                    if (count[s] >= spec.count) {
                        ret = ALERT;
                        count[s] = 0;
                    }
                } else {
                    restart(s, now);
                }
            }
            case BOTH -> {
                if (within) {
                    count[s]++;
                    if (count[s] == spec.count) {
                        ret = ALERT;
                    } else if (count[s] > spec.count) {
                        ret = SILENT;
                    }
                } else {
                    restart(s, now);
                    ret = spec.count == 1 ? ALERT : NONE;
                }
            }
            case DETECTION -> {
                if (within) {
                    count[s]++;
                    if (count[s] > spec.count) {
                        ret = ALERT;
                    }
                } else {
                    restart(s, now);
                }
            }
            case RATE -> {
                ret = ALERT;
                if (rateReached(s, spec, now)) {
                    rateAction = spec.newAction;
                }
            }
            case BACKOFF -> {
                count[s] = Math.min(count[s] + 1, Long.MAX_VALUE - 1);
                tv1[s] = now; // no window: the entry lives on from its last match
                ret = backoffStep(s, spec);
            }
        }
        reclaimAt[s] = reclaimTime(s, spec);
        return ret;
    }

    /** Alerts when the match count reaches the next alerting number, which then grows by the multiplier. */
    private int backoffStep(int s, ThresholdSpec spec) {
        if (count[s] != next[s]) {
            return SILENT; // the rule's actions apply to every match; only the log backs off
        }
        next[s] = next[s] > Long.MAX_VALUE / spec.multiplier ? Long.MAX_VALUE : next[s] * spec.multiplier;
        return ALERT;
    }

    /** Suricata's IsThresholdReached. */
    private boolean rateReached(int s, ThresholdSpec spec, long now) {
        long nowSec = now / NANOS;
        if (rateSince[s] != 0) {
            if (nowSec - rateSince[s] > spec.timeoutSeconds) {
                rateSince[s] = 0;
                return false;
            }
            return true;
        }
        if (now <= tv1[s] + spec.windowNanos) {
            count[s]++;
            if (count[s] > spec.count) {
                rateSince[s] = nowSec;
                return true;
            }
        } else {
            restart(s, now);
        }
        return false;
    }

    /** No entry yet: Suricata creates one (count 1) except for a threshold of 1, which just alerts. */
    private int first(int s, ThresholdSpec spec, long now) {
        int ret;
        switch (spec.kind) {
            case LIMIT, RATE -> ret = ALERT;
            case THRESHOLD -> {
                if (spec.count == 1) {
                    kind[s] = 0; // nothing is stored for a threshold of 1
                    return ALERT;
                }
                ret = NONE;
            }
            case BOTH -> ret = spec.count == 1 ? ALERT : NONE;
            case BACKOFF -> {
                count[s] = 1; // this first match; restart below sets the same
                next[s] = spec.count;
                ret = backoffStep(s, spec);
            }
            default -> ret = NONE;
        }
        restart(s, now);
        rateSince[s] = 0;
        reclaimAt[s] = reclaimTime(s, spec);
        return ret;
    }

    private void restart(int s, long now) {
        tv1[s] = now;
        count[s] = 1;
    }

    private long reclaimTime(int s, ThresholdSpec spec) {
        long t = tv1[s] + spec.windowNanos;
        if (rateSince[s] != 0) {
            t = Math.max(t, (rateSince[s] + spec.timeoutSeconds + 1) * NANOS);
        }
        return t;
    }

    /**
     * The slot holding the key, else a free or expired slot in the probe window claimed for it
     * (kind set, counters left to the caller), else the window's entry that expires first,
     * evicted.
     */
    private int find(byte k, long key, int v, long ahi, long alo, long bhi, long blo, long now) {
        if (kind == null) {
            allocate();
        }
        long h = key * 0x9E3779B97F4A7C15L ^ ahi * 0xC2B2AE3D27D4EB4FL ^ alo * 0x165667B19E3779F9L
                ^ bhi * 0xD6E8FEB86659FD93L ^ blo ^ k;
        h ^= h >>> 29;
        int start = (int) h & mask;
        int free = -1;
        int oldest = start;
        for (int i = 0; i < PROBES; i++) {
            int s = (start + i) & mask;
            if (kind[s] == 0) {
                if (free < 0) {
                    free = s;
                }
                continue;
            }
            if (kind[s] == k && id[s] == key && version[s] == v && aHi[s] == ahi && aLo[s] == alo && bHi[s] == bhi
                    && bLo[s] == blo) {
                return s;
            }
            if (free < 0 && now > reclaimAt[s] && rateSince[s] == 0) {
                free = s;
            }
            if (reclaimAt[s] < reclaimAt[oldest]) {
                oldest = s;
            }
        }
        int s;
        if (free >= 0) {
            s = free;
            if (kind[s] == 0) {
                entries++;
            }
        } else {
            s = oldest;
            evictions++;
        }
        kind[s] = k;
        id[s] = key;
        version[s] = (byte) v;
        aHi[s] = ahi;
        aLo[s] = alo;
        bHi[s] = bhi;
        bLo[s] = blo;
        reclaimAt[s] = Long.MIN_VALUE; // a claimed slot is new until first() fills it
        return s;
    }

    /** Slots ever taken (a reused expired slot is not counted again). */
    public long entries() {
        return entries;
    }

    /** Live entries dropped because their probe window was full. */
    public long evictions() {
        return evictions;
    }
}
