package dev.rampart.engine.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The IP-only rules by address, for the first IPv4 packet of each flow direction: each rule is
 * indexed by the narrower of its source and destination sets (reputation lists name a few
 * hundred hosts on one side and {@code $HOME_NET} or {@code any} on the other), so a packet's
 * candidates are the rules whose indexed side holds its address, plus the rules with neither
 * side indexable. Suricata keeps IP-only rules in radix trees for the same reason: checking some
 * hundred rules with long address lists on every new flow direction costs more than one lookup.
 * The candidates still get the full header check, so the alerts are those of checking every rule.
 */
final class IpOnlyIndex {
    private final AddressIndex bySource;
    private final AddressIndex byDestination;
    /** Rules neither side of which is indexed (ascending orders). */
    private final int[] unindexed;

    private IpOnlyIndex(AddressIndex bySource, AddressIndex byDestination, int[] unindexed) {
        this.bySource = bySource;
        this.byDestination = byDestination;
        this.unindexed = unindexed;
    }

    /** Null when no IP-only rule can be indexed (then every packet checks them all). */
    static IpOnlyIndex build(CompiledRule[] rules, int[] ipOnly) {
        List<CompiledRule> src = new ArrayList<>();
        List<CompiledRule> dst = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int order : ipOnly) {
            CompiledRule r = rules[order];
            boolean s = indexable(r, r.src);
            boolean d = indexable(r, r.dst);
            if (s && (!d || r.src.v4Size() <= r.dst.v4Size())) {
                src.add(r);
            } else if (d) {
                dst.add(r);
            } else {
                rest.add(order);
            }
        }
        if (src.isEmpty() && dst.isEmpty()) {
            return null;
        }
        return new IpOnlyIndex(AddressIndex.build(src, false), AddressIndex.build(dst, true),
                rest.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * An address set the index can stand for: explicit (not any) and not under {@code <>}, which
     * matches either orientation. Its IPv6 ranges do not matter: only IPv4 packets are looked up.
     */
    private static boolean indexable(CompiledRule r, AddressMatch side) {
        return !r.bidirectional && !side.isAny() && side.v4RangeCount() <= 4096;
    }

    /**
     * The candidate IP-only rules of an IPv4 packet from {@code src} to {@code dst} (unsigned in the
     * low 32 bits), ascending (plan order), into {@code out} (as long as the plan's IP-only list);
     * returns how many.
     */
    int candidates(long src, long dst, int[] out) {
        int[] a = bySource == null ? NONE : bySource.lookupV4(src);
        int[] b = byDestination == null ? NONE : byDestination.lookupV4(dst);
        int[] c = unindexed;
        // each rule is in one of the three lists, each list ascending: a three-way merge
        int i = 0;
        int j = 0;
        int k = 0;
        int n = 0;
        while (true) {
            int x = i < a.length ? a[i] : Integer.MAX_VALUE;
            int y = j < b.length ? b[j] : Integer.MAX_VALUE;
            int z = k < c.length ? c[k] : Integer.MAX_VALUE;
            if (x < y && x < z) {
                out[n++] = x;
                i++;
            } else if (y < z) {
                out[n++] = y;
                j++;
            } else if (z != Integer.MAX_VALUE) {
                out[n++] = z;
                k++;
            } else {
                return n;
            }
        }
    }

    private static final int[] NONE = new int[0];
}
