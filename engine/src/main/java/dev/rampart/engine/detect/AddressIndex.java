package dev.rampart.engine.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Rules without a fast pattern whose header names explicit IPv4 source addresses (reputation
 * lists: {@code alert tcp [a,b,c,...] any -> $HOME_NET any}), indexed by address: the packet's
 * source finds, by binary search over elementary intervals, exactly the rules whose source set
 * contains it — Suricata keeps such lists in a radix tree instead of testing every rule on every
 * packet. IPv6 packets get all indexed rules (their header check decides).
 */
final class AddressIndex {
    /** Start (unsigned 32-bit) of each elementary interval, ascending; interval i ends before starts[i+1]. */
    private final long[] starts;
    /** Rule orders covering each interval (ascending), or empty. */
    private final int[][] rules;
    /** Every indexed rule, for packets that are not IPv4. */
    final int[] all;

    private AddressIndex(long[] starts, int[][] rules, int[] all) {
        this.starts = starts;
        this.rules = rules;
        this.all = all;
    }

    /** Whether a rule can be indexed by its source addresses. */
    static boolean indexable(CompiledRule r) {
        return !r.bidirectional && !r.src.isAny() && !r.src.hasV6() && r.src.v4RangeCount() <= 4096;
    }

    static AddressIndex build(List<CompiledRule> rules) {
        return build(rules, false);
    }

    /** Over the rules' source sets, or their destination sets when {@code byDestination}. */
    static AddressIndex build(List<CompiledRule> rules, boolean byDestination) {
        if (rules.isEmpty()) {
            return null;
        }
        TreeSet<Long> bounds = new TreeSet<>();
        bounds.add(0L);
        for (CompiledRule r : rules) {
            long[] v4 = (byDestination ? r.dst : r.src).v4Ranges();
            for (int i = 0; i < v4.length; i += 2) {
                bounds.add(v4[i]);
                if (v4[i + 1] < 0xFFFF_FFFFL) {
                    bounds.add(v4[i + 1] + 1);
                }
            }
        }
        long[] starts = bounds.stream().mapToLong(Long::longValue).toArray();
        List<List<Integer>> cover = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            cover.add(null);
        }
        for (CompiledRule r : rules) {
            long[] v4 = (byDestination ? r.dst : r.src).v4Ranges();
            for (int i = 0; i < v4.length; i += 2) {
                int from = Arrays.binarySearch(starts, v4[i]);
                for (int k = from; k < starts.length && starts[k] <= v4[i + 1]; k++) {
                    if (cover.get(k) == null) {
                        cover.set(k, new ArrayList<>(2));
                    }
                    List<Integer> l = cover.get(k);
                    if (l.isEmpty() || l.get(l.size() - 1) != r.order) {
                        l.add(r.order);
                    }
                }
            }
        }
        int[][] rs = new int[starts.length][];
        for (int i = 0; i < rs.length; i++) {
            List<Integer> l = cover.get(i);
            rs[i] = l == null ? new int[0] : l.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        }
        int[] all = rules.stream().mapToInt(r -> r.order).sorted().toArray();
        return new AddressIndex(starts, rs, all);
    }

    /** Rules whose source (destination) set contains the IPv4 address {@code addr} (unsigned in the low 32 bits). */
    int[] lookupV4(long addr) {
        int i = Arrays.binarySearch(starts, addr);
        if (i < 0) {
            i = -i - 2;
        }
        return rules[i];
    }
}
