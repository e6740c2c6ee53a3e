package dev.rampart.engine.detect.xbits;

/**
 * Bits kept per host or per address pair (Suricata's host and IP-pair tables with their
 * hostbits/xbits storage). Each entry holds one expiry time per bit name of the
 * plan. As in Suricata a bit stays present after it expired until a test finds it expired and
 * removes it; {@code set} on a present bit (even an expired one) does not renew it, {@code toggle}
 * removes a present bit. Entries are preallocated parallel arrays with a short probe window; a key
 * whose bits all expired gives its slot up to a new key (Suricata frees such hosts and pairs in its
 * timeout pass, whose timing depends on the wall clock; here only when the slot is needed), and when the
 * window is full the entry that expired first is evicted, and counted. Every worker uses one
 * table (see {@code HostState}): each call holds the table's monitor. The arrays are made on
 * the first bit set, nothing is allocated after that.
 */
public final class XbitTable {
    private static final int PROBES = 16;
    private static final long ABSENT = Long.MIN_VALUE;

    private final int bitsPerEntry;
    private final int mask;
    /** 0 free, else 4 or 6. */
    private byte[] version;
    private long[] aHi;
    private long[] aLo;
    private long[] bHi;
    private long[] bLo;
    /** Latest expiry of any bit of the entry: after it the slot may go to another key. */
    private long[] until;
    /** Expiry per bit (packet time, the caller's unit), {@link #ABSENT} when the bit is not present. */
    private long[] expiry;
    private long evictions;

    /**
     * @param capacity entries, rounded up to a power of two
     * @param bitsPerEntry bit names of the plan in this table
     */
    public XbitTable(int capacity, int bitsPerEntry) {
        int n = Integer.highestOneBit(Math.max(PROBES, capacity - 1)) << 1;
        this.bitsPerEntry = Math.max(1, bitsPerEntry);
        mask = n - 1;
    }

    /**
     * The arrays, on the first bit set: ET Open's hostbits and xbits make 3.4 MB of tables that
     * most runs never use, and the table is made during rule load.
     */
    private void allocate() {
        int n = mask + 1;
        version = new byte[n];
        aHi = new long[n];
        aLo = new long[n];
        bHi = new long[n];
        bLo = new long[n];
        until = new long[n];
        expiry = new long[n * this.bitsPerEntry];
        java.util.Arrays.fill(expiry, ABSENT);
    }

    /** Suricata's isset: present and not expired; an expired bit is removed (and is not set). */
    public synchronized boolean isSet(int v, long ahi, long alo, long bhi, long blo, int bit, long now) {
        int s = lookup(v, ahi, alo, bhi, blo, now);
        if (s < 0) {
            return false;
        }
        int i = s * bitsPerEntry + bit;
        if (expiry[i] == ABSENT) {
            return false;
        }
        if (expiry[i] < now) {
            expiry[i] = ABSENT;
            return false;
        }
        return true;
    }

    /** Adds the bit unless present (a present bit keeps its expiry, even an expired one). */
    public synchronized void set(int v, long ahi, long alo, long bhi, long blo, int bit, long now, long expire) {
        int s = claim(v, ahi, alo, bhi, blo, now);
        int i = s * bitsPerEntry + bit;
        if (expiry[i] == ABSENT) {
            add(s, i, now + expire);
        }
    }

    public synchronized void unset(int v, long ahi, long alo, long bhi, long blo, int bit, long now) {
        int s = lookup(v, ahi, alo, bhi, blo, now);
        if (s >= 0) {
            expiry[s * bitsPerEntry + bit] = ABSENT;
        }
    }

    /** Removes a present bit (expired or not), else adds it. */
    public synchronized void toggle(int v, long ahi, long alo, long bhi, long blo, int bit, long now, long expire) {
        int s = claim(v, ahi, alo, bhi, blo, now);
        int i = s * bitsPerEntry + bit;
        if (expiry[i] == ABSENT) {
            add(s, i, now + expire);
        } else {
            expiry[i] = ABSENT;
        }
    }

    public synchronized long evictions() {
        return evictions;
    }

    private void add(int s, int i, long e) {
        expiry[i] = e;
        until[s] = Math.max(until[s], e);
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

    private int lookup(int v, long ahi, long alo, long bhi, long blo, long now) {
        if (version == null) {
            return -1;
        }
        int st = start(v, ahi, alo, bhi, blo);
        for (int i = 0; i < PROBES; i++) {
            int s = (st + i) & mask;
            if (version[s] != 0 && same(s, v, ahi, alo, bhi, blo)) {
                return s;
            }
        }
        return -1;
    }

    private int claim(int v, long ahi, long alo, long bhi, long blo, long now) {
        if (version == null) {
            allocate();
        }
        int st = start(v, ahi, alo, bhi, blo);
        int free = -1;
        int oldest = st;
        for (int i = 0; i < PROBES; i++) {
            int s = (st + i) & mask;
            if (version[s] != 0 && same(s, v, ahi, alo, bhi, blo)) {
                return s;
            }
            if (free < 0 && (version[s] == 0 || until[s] < now)) {
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
        until[s] = Long.MIN_VALUE;
        int base = s * bitsPerEntry;
        for (int i = 0; i < bitsPerEntry; i++) {
            expiry[base + i] = ABSENT;
        }
        return s;
    }
}
