package dev.rampart.engine.detect.xbits;

/**
 * Bits kept per host or per address pair (Suricata's host and IP-pair tables with their
 * hostbits/xbits storage), for one worker. Each entry holds one expiry second per bit name of the
 * plan (0: not set); a bit is set while its expiry is after the packet's second. Entries are
 * preallocated parallel arrays with a short probe window; when the window is full the entry whose
 * bits all expire first is evicted, and counted. Not thread-safe; allocates nothing after
 * construction.
 */
public final class XbitTable {
    private static final int PROBES = 16;

    private final int bitsPerEntry;
    private final int mask;
    /** 0 free, else 4 or 6. */
    private final byte[] version;
    private final long[] aHi;
    private final long[] aLo;
    private final long[] bHi;
    private final long[] bLo;
    /** Latest expiry of any bit of the entry: after it the entry is free again. */
    private final long[] until;
    private final long[] expiry;
    private long evictions;

    /**
     * @param capacity entries, rounded up to a power of two
     * @param bitsPerEntry bit names of the plan in this table
     */
    public XbitTable(int capacity, int bitsPerEntry) {
        int n = Integer.highestOneBit(Math.max(PROBES, capacity - 1)) << 1;
        this.bitsPerEntry = Math.max(1, bitsPerEntry);
        mask = n - 1;
        version = new byte[n];
        aHi = new long[n];
        aLo = new long[n];
        bHi = new long[n];
        bLo = new long[n];
        until = new long[n];
        expiry = new long[n * this.bitsPerEntry];
    }

    /** Whether {@code bit} is set for the key at {@code nowSec}. */
    public boolean isSet(int v, long ahi, long alo, long bhi, long blo, int bit, long nowSec) {
        int s = lookup(v, ahi, alo, bhi, blo, nowSec);
        return s >= 0 && expiry[s * bitsPerEntry + bit] > nowSec;
    }

    public void set(int v, long ahi, long alo, long bhi, long blo, int bit, long nowSec, long expireSeconds) {
        int s = claim(v, ahi, alo, bhi, blo, nowSec);
        long e = nowSec + expireSeconds;
        expiry[s * bitsPerEntry + bit] = e;
        until[s] = Math.max(until[s], e);
    }

    public void unset(int v, long ahi, long alo, long bhi, long blo, int bit, long nowSec) {
        int s = lookup(v, ahi, alo, bhi, blo, nowSec);
        if (s >= 0) {
            expiry[s * bitsPerEntry + bit] = 0;
        }
    }

    public void toggle(int v, long ahi, long alo, long bhi, long blo, int bit, long nowSec, long expireSeconds) {
        if (isSet(v, ahi, alo, bhi, blo, bit, nowSec)) {
            unset(v, ahi, alo, bhi, blo, bit, nowSec);
        } else {
            set(v, ahi, alo, bhi, blo, bit, nowSec, expireSeconds);
        }
    }

    public long evictions() {
        return evictions;
    }

    private int start(int v, long ahi, long alo, long bhi, long blo) {
        long h = ahi * 0x9E3779B97F4A7C15L ^ alo * 0xC2B2AE3D27D4EB4FL ^ bhi * 0x165667B19E3779F9L
                ^ blo * 0xD6E8FEB86659FD93L ^ v;
        h ^= h >>> 31;
        return (int) h & mask;
    }

    private boolean same(int s, int v, long ahi, long alo, long bhi, long blo) {
        return version[s] == v && aHi[s] == ahi && aLo[s] == alo && bHi[s] == bhi && bLo[s] == blo;
    }

    private int lookup(int v, long ahi, long alo, long bhi, long blo, long nowSec) {
        int st = start(v, ahi, alo, bhi, blo);
        for (int i = 0; i < PROBES; i++) {
            int s = (st + i) & mask;
            if (version[s] != 0 && same(s, v, ahi, alo, bhi, blo)) {
                return until[s] > nowSec ? s : -1;
            }
        }
        return -1;
    }

    private int claim(int v, long ahi, long alo, long bhi, long blo, long nowSec) {
        int st = start(v, ahi, alo, bhi, blo);
        int free = -1;
        int oldest = st;
        for (int i = 0; i < PROBES; i++) {
            int s = (st + i) & mask;
            if (version[s] != 0 && same(s, v, ahi, alo, bhi, blo)) {
                if (until[s] <= nowSec) {
                    clearBits(s); // every bit expired: start clean
                }
                return s;
            }
            if (free < 0 && (version[s] == 0 || until[s] <= nowSec)) {
                free = s;
            }
            if (until[s] < until[oldest]) {
                oldest = s;
            }
        }
        int s = free;
        if (s < 0) {
            s = oldest;
            evictions++;
        }
        version[s] = (byte) v;
        aHi[s] = ahi;
        aLo[s] = alo;
        bHi[s] = bhi;
        bLo[s] = blo;
        clearBits(s);
        return s;
    }

    private void clearBits(int s) {
        until[s] = 0;
        int base = s * bitsPerEntry;
        for (int i = 0; i < bitsPerEntry; i++) {
            expiry[base + i] = 0;
        }
    }
}
