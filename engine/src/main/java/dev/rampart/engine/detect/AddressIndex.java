package dev.rampart.engine.detect;

import java.util.Arrays;
import java.util.List;

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
        // slot starts: 0 and every range's start and end + 1, sorted and distinct (flat arrays,
        // not a boxed tree set: ET Open's address lists give ~55k bounds)
        int boundCount = 1;
        for (CompiledRule r : rules) {
            boundCount += (byDestination ? r.dst : r.src).v4RangeCount() * 2;
        }
        long[] bounds = new long[boundCount];
        int nb = 1; // bounds[0] = 0
        for (CompiledRule r : rules) {
            long[] v4 = (byDestination ? r.dst : r.src).v4RangesShared();
            for (int i = 0; i < v4.length; i += 2) {
                bounds[nb++] = v4[i];
                if (v4[i + 1] < 0xFFFF_FFFFL) {
                    bounds[nb++] = v4[i + 1] + 1;
                }
            }
        }
        long[] starts = SortedArrays.distinct(bounds, nb);
        // the rules covering each slot: counted, then filled, then sorted (a rule's ranges are
        // disjoint, so it lands in a slot at most once per range list)
        int[] counts = new int[starts.length];
        for (CompiledRule r : rules) {
            long[] v4 = (byDestination ? r.dst : r.src).v4RangesShared();
            for (int i = 0; i < v4.length; i += 2) {
                for (int k = Arrays.binarySearch(starts, v4[i]); k < starts.length && starts[k] <= v4[i + 1]; k++) {
                    counts[k]++;
                }
            }
        }
        int[][] rs = new int[starts.length][];
        for (int k = 0; k < rs.length; k++) {
            rs[k] = counts[k] == 0 ? NO_RULES : new int[counts[k]];
            counts[k] = 0;
        }
        for (CompiledRule r : rules) {
            long[] v4 = (byDestination ? r.dst : r.src).v4RangesShared();
            for (int i = 0; i < v4.length; i += 2) {
                for (int k = Arrays.binarySearch(starts, v4[i]); k < starts.length && starts[k] <= v4[i + 1]; k++) {
                    rs[k][counts[k]++] = r.order;
                }
            }
        }
        for (int k = 0; k < rs.length; k++) {
            rs[k] = SortedArrays.distinct(rs[k]);
        }
        int[] all = rules.stream().mapToInt(r -> r.order).sorted().toArray();
        return new AddressIndex(starts, rs, all);
    }

    private static final int[] NO_RULES = new int[0];

    /** Rules whose source (destination) set contains the IPv4 address {@code addr} (unsigned in the low 32 bits). */
    int[] lookupV4(long addr) {
        int i = Arrays.binarySearch(starts, addr);
        if (i < 0) {
            i = -i - 2;
        }
        return rules[i];
    }
}
