package dev.rampart.engine.detect;

import dev.rampart.rules.header.AddressSet;
import dev.rampart.rules.header.IpAddress;
import java.util.List;

/**
 * A resolved rule address set as flat range arrays, for matching packet addresses without
 * allocation: IPv4 ranges as unsigned 32-bit bounds, IPv6 ranges as (hi, lo) pairs compared
 * unsigned. IPv4 ranges are sorted and merged when built, so a long list (reputation rules list
 * hundreds of addresses, and IP-only rules are checked for every new flow direction) is binary
 * searched; a short one is scanned.
 */
public final class AddressMatch {
    private final boolean any;
    private final long[] v4;   // from0, to0, from1, to1, ...
    private final long[] v6;   // fromHi, fromLo, toHi, toLo, ...

    private AddressMatch(boolean any, long[] v4, long[] v6) {
        this.any = any;
        this.v4 = v4;
        this.v6 = v6;
    }

    public static AddressMatch of(AddressSet set) {
        if (set.isAny()) {
            return new AddressMatch(true, new long[0], new long[0]);
        }
        List<IpAddress[]> ranges = set.ranges();
        long[] a4 = new long[2 * ranges.size()];
        long[] a6 = new long[4 * ranges.size()];
        int n4 = 0;
        int n6 = 0;
        for (IpAddress[] r : ranges) {
            if (r[0].v6()) {
                a6[n6++] = r[0].hi();
                a6[n6++] = r[0].lo();
                a6[n6++] = r[1].hi();
                a6[n6++] = r[1].lo();
            } else {
                a4[n4++] = r[0].lo();
                a4[n4++] = r[1].lo();
            }
        }
        return new AddressMatch(false, sortedMerged(java.util.Arrays.copyOf(a4, n4)), java.util.Arrays.copyOf(a6, n6));
    }

    /** IPv4 (from, to) pairs sorted by start, overlapping or adjacent ones merged: the same set. */
    static long[] sortedMerged(long[] pairs) {
        int n = pairs.length / 2;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Long.compare(pairs[2 * a], pairs[2 * b]));
        long[] out = new long[pairs.length];
        int w = 0;
        for (int k = 0; k < n; k++) {
            long from = pairs[2 * idx[k]];
            long to = pairs[2 * idx[k] + 1];
            if (w > 0 && from <= out[w - 1] + 1) {
                out[w - 1] = Math.max(out[w - 1], to);
            } else {
                out[w++] = from;
                out[w++] = to;
            }
        }
        return java.util.Arrays.copyOf(out, w);
    }

    /** Ranges up to this many are scanned; more are binary searched. */
    private static final int SCAN_RANGES = 8;

    public boolean isAny() {
        return any;
    }

    public boolean hasV6() {
        return v6.length > 0;
    }

    public int v4RangeCount() {
        return v4.length / 2;
    }

    /** IPv4 addresses the set holds (its ranges are merged: no address counted twice). */
    public long v4Size() {
        long n = 0;
        for (int i = 0; i < v4.length; i += 2) {
            n += v4[i + 1] - v4[i] + 1;
        }
        return n;
    }

    /** The IPv4 ranges as (from, to) pairs, unsigned 32-bit values: the array itself, callers must not change it. */
    long[] v4RangesShared() {
        return v4;
    }

    public boolean matches(int ipVersion, long hi, long lo) {
        if (any) {
            return true;
        }
        if (ipVersion == 4) {
            if (v4.length <= 2 * SCAN_RANGES) {
                for (int i = 0; i < v4.length; i += 2) {
                    if (lo >= v4[i] && lo <= v4[i + 1]) {
                        return true;
                    }
                }
                return false;
            }
            // the last range starting at or before lo
            int l = 0;
            int h = v4.length / 2 - 1;
            while (l <= h) {
                int m = (l + h) >>> 1;
                if (v4[2 * m] <= lo) {
                    l = m + 1;
                } else {
                    h = m - 1;
                }
            }
            return h >= 0 && lo <= v4[2 * h + 1];
        }
        for (int i = 0; i < v6.length; i += 4) {
            if (compare(hi, lo, v6[i], v6[i + 1]) >= 0 && compare(hi, lo, v6[i + 2], v6[i + 3]) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static int compare(long ahi, long alo, long bhi, long blo) {
        int c = Long.compareUnsigned(ahi, bhi);
        return c != 0 ? c : Long.compareUnsigned(alo, blo);
    }
}
