package dev.rampart.rules.header;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A resolved set of addresses: sorted, merged, inclusive ranges (IPv4 ranges before IPv6 ones).
 * Immutable; set algebra builds new instances (only at rule-load time, never per packet).
 */
public final class AddressSet {
    private static final IpAddress V4_MIN = IpAddress.v4(0);
    private static final IpAddress V4_MAX = IpAddress.v4(0xFFFF_FFFFL);
    private static final IpAddress V6_MIN = new IpAddress(true, 0, 0);
    private static final IpAddress V6_MAX = new IpAddress(true, -1L, -1L);

    public static final AddressSet EMPTY = new AddressSet(List.of());
    public static final AddressSet ANY = new AddressSet(List.of(
            new IpAddress[] {V4_MIN, V4_MAX}, new IpAddress[] {V6_MIN, V6_MAX}));

    private final List<IpAddress[]> ranges;

    private AddressSet(List<IpAddress[]> sortedMerged) {
        this.ranges = sortedMerged;
    }

    public static AddressSet of(IpAddress from, IpAddress to) {
        return new AddressSet(List.<IpAddress[]>of(new IpAddress[] {from, to}));
    }

    public List<IpAddress[]> ranges() {
        return Collections.unmodifiableList(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean isAny() {
        return equals(ANY);
    }

    public boolean contains(IpAddress a) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            IpAddress[] r = ranges.get(mid);
            if (a.compareTo(r[0]) < 0) {
                hi = mid - 1;
            } else if (a.compareTo(r[1]) > 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    public AddressSet union(AddressSet other) {
        return union(List.of(this, other));
    }

    /**
     * The union of all of {@code sets} (none: {@link #EMPTY}), merged once: a list of n addresses
     * united one at a time re-merged the growing set n times (ET Open's address-list rules).
     */
    public static AddressSet union(List<AddressSet> sets) {
        if (sets.size() == 1) {
            return sets.get(0);
        }
        int n = 0;
        for (AddressSet a : sets) {
            n += a.ranges.size();
        }
        List<IpAddress[]> all = new ArrayList<>(n);
        for (AddressSet a : sets) {
            all.addAll(a.ranges);
        }
        return normalize(all);
    }

    public AddressSet complement() {
        List<IpAddress[]> out = new ArrayList<>();
        complementFamily(false, V4_MIN, V4_MAX, out);
        complementFamily(true, V6_MIN, V6_MAX, out);
        return new AddressSet(out);
    }

    public AddressSet minus(AddressSet other) {
        return complement().union(other).complement();
    }

    private void complementFamily(boolean v6, IpAddress min, IpAddress max, List<IpAddress[]> out) {
        IpAddress cursor = min;
        for (IpAddress[] r : ranges) {
            if (r[0].v6() != v6) {
                continue;
            }
            if (cursor != null && cursor.compareTo(r[0]) < 0) {
                out.add(new IpAddress[] {cursor, r[0].previous()});
            }
            cursor = r[1].next();
        }
        if (cursor != null && cursor.compareTo(max) <= 0) {
            out.add(new IpAddress[] {cursor, max});
        }
    }

    static AddressSet normalize(List<IpAddress[]> input) {
        List<IpAddress[]> sorted = new ArrayList<>(input);
        sorted.sort((a, b) -> a[0].compareTo(b[0]));
        List<IpAddress[]> out = new ArrayList<>();
        for (IpAddress[] r : sorted) {
            if (!out.isEmpty()) {
                IpAddress[] last = out.get(out.size() - 1);
                IpAddress after = last[1].next();
                if (last[1].v6() == r[0].v6() && (after == null || r[0].compareTo(after) <= 0)) {
                    if (r[1].compareTo(last[1]) > 0) {
                        last[1] = r[1];
                    }
                    continue;
                }
            }
            out.add(new IpAddress[] {r[0], r[1]});
        }
        return new AddressSet(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AddressSet other) || other.ranges.size() != ranges.size()) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.get(i)[0].equals(other.ranges.get(i)[0]) || !ranges.get(i)[1].equals(other.ranges.get(i)[1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (IpAddress[] r : ranges) {
            h = 31 * h + r[0].hashCode();
            h = 31 * h + r[1].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (IpAddress[] r : ranges) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(r[0]);
            if (!r[0].equals(r[1])) {
                sb.append('-').append(r[1]);
            }
        }
        return sb.append(']').toString();
    }
}
