package dev.rampart.engine.detect;

import dev.rampart.rules.header.AddressSet;
import dev.rampart.rules.header.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved rule address set as flat range arrays, for matching packet addresses without
 * allocation: IPv4 ranges as unsigned 32-bit bounds, IPv6 ranges as (hi, lo) pairs compared
 * unsigned. Linear scan: rule address lists are short.
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
        List<Long> a4 = new ArrayList<>();
        List<Long> a6 = new ArrayList<>();
        for (IpAddress[] r : set.ranges()) {
            if (r[0].v6()) {
                a6.add(r[0].hi());
                a6.add(r[0].lo());
                a6.add(r[1].hi());
                a6.add(r[1].lo());
            } else {
                a4.add(r[0].lo());
                a4.add(r[1].lo());
            }
        }
        return new AddressMatch(false, a4.stream().mapToLong(Long::longValue).toArray(),
                a6.stream().mapToLong(Long::longValue).toArray());
    }

    public boolean isAny() {
        return any;
    }

    public boolean hasV6() {
        return v6.length > 0;
    }

    public int v4RangeCount() {
        return v4.length / 2;
    }

    /** The IPv4 ranges as (from, to) pairs, unsigned 32-bit values; a copy. */
    public long[] v4Ranges() {
        return v4.clone();
    }

    public boolean matches(int ipVersion, long hi, long lo) {
        if (any) {
            return true;
        }
        if (ipVersion == 4) {
            for (int i = 0; i < v4.length; i += 2) {
                if (lo >= v4[i] && lo <= v4[i + 1]) {
                    return true;
                }
            }
            return false;
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
