package dev.rampart.engine.detect;

import dev.rampart.engine.detect.mpm.MpmPattern;
import dev.rampart.engine.detect.mpm.MultiPatternMatcher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules that can apply to one kind of packet (Suricata's signature group head; see
 * {@link DetectionPlan} for the grouping) and the prefilter that picks candidates among them.
 *
 * <p>The groups of a packet class and flow direction share one multi-pattern matcher
 * ({@link Patterns}; the class's when the direction has nearly all its rules): identical fast
 * patterns (bytes and case mode) have one matcher id, and {@link #patternRules} maps an id to the
 * group's own rules behind it (none for patterns only other groups use). One compile per class
 * and direction instead of one per group keeps rule loading cheap with many port groups (their
 * pattern sets differ little), and a hit of another group's pattern costs an empty loop. Rules with
 * no usable fast pattern are on {@link #unfiltered} and are evaluated for every packet of the group.
 */
final class RuleGroup {
    private static final int[] NONE = new int[0];

    final String name;
    /** Position in {@link DetectionPlan#allGroups}. */
    final int index;
    /** The class's matcher, or null when the group has no fast patterns. */
    final MultiPatternMatcher mpm;
    /** Matcher pattern id to this group's rule orders (ascending). */
    final int[][] patternRules;
    /** Rule orders evaluated without a prefilter hit, ascending. */
    final int[] unfiltered;
    /**
     * Rules without a fast pattern that need a flowbit set: {@link #gateBits}[i] and the rule orders
     * {@link #gateRules}[i] (ascending); they are candidates only while the flow has the bit.
     */
    int[] gateBits = new int[0];
    /** Unfiltered rules with explicit IPv4 source lists, by address; null when none. */
    AddressIndex bySource;
    /**
     * The rule orders of {@link #bySource} that are this group's (a bit per order), or null when
     * the group has all of them. The index is the class's, shared by its groups; without this mask
     * every packet from a listed source got the port-specific rules of every other group as
     * candidates (e.g. ten {@code $HOME_NET any -> any 1433/22/3389 flags:S} scan rules evaluated
     * on each client packet), for their header checks to refuse one by one.
     */
    long[] bySourceMembers;
    int[][] gateRules = new int[0][];
    final int ruleCount;
    private final int patternCount;

    private RuleGroup(String name, int index, MultiPatternMatcher mpm, int[][] patternRules, int patternCount,
            int[] unfiltered, int ruleCount) {
        this.name = name;
        this.index = index;
        this.mpm = mpm;
        this.patternRules = patternRules;
        this.patternCount = patternCount;
        this.unfiltered = unfiltered;
        this.ruleCount = ruleCount;
    }

    /**
     * The prefilter of a packet's payload when its bytes went into the stream: only this group's
     * rules that inspect the packet as well ({@link CompiledRule#requirePacket}: dsize, anchored
     * contents ...) can match that payload, the others match the stream chunk or nothing
     * ({@link CompiledRule#payloadMatches}), so the payload is scanned for their patterns only.
     * Null when the group has none with a fast pattern.
     */
    RuleGroup packetPayload;

    /**
     * The fast patterns of one packet class and their matcher: built once per class from all its
     * rules, then shared by the class's groups.
     */
    static final class Patterns {
        /**
         * Pattern id by rule order (-1: no fast pattern, or not a rule of these): a class's groups
         * look up each of their rules, ~2M lookups for ET Open, so not by pattern bytes.
         */
        private final int[] idByOrder;
        private final int size;
        final MultiPatternMatcher mpm;

        /** The rules that require the packet, for {@link #packetOnly()} (empty unless streamed). */
        private final List<CompiledRule> packetRules = new ArrayList<>();
        private final Function<List<MpmPattern>, MultiPatternMatcher> matchers;
        private Patterns packetOnly;

        /** @param rules with their plan order set */
        Patterns(List<CompiledRule> rules, Function<List<MpmPattern>, MultiPatternMatcher> matchers) {
            this(rules, matchers, false, false);
        }

        /** @param streamed the rules' packets can go into a stream (TCP): {@link #packetOnly()} may be asked */
        Patterns(List<CompiledRule> rules, Function<List<MpmPattern>, MultiPatternMatcher> matchers,
                boolean streamed) {
            this(rules, matchers, streamed, false);
        }

        private Patterns(List<CompiledRule> rules, Function<List<MpmPattern>, MultiPatternMatcher> matchers,
                boolean streamed, boolean requirePacket) {
            this.matchers = matchers;
            Map<ByteBuffer, Integer> ids = new HashMap<>();
            int maxOrder = -1;
            for (CompiledRule r : rules) {
                maxOrder = Math.max(maxOrder, r.order);
            }
            idByOrder = new int[maxOrder + 1];
            java.util.Arrays.fill(idByOrder, -1);
            List<MpmPattern> patterns = new ArrayList<>();
            for (CompiledRule r : rules) {
                if (r.fastPattern == null) {
                    if (!requirePacket && AddressIndex.indexable(r)) {
                        indexable.add(r);
                    }
                    continue;
                }
                if (requirePacket && !r.requirePacket) {
                    continue;
                }
                if (streamed && r.requirePacket) {
                    packetRules.add(r);
                }
                ByteBuffer key = patternKey(r.fastPattern, r.fastPatternNocase);
                Integer id = ids.get(key);
                if (id == null) {
                    id = patterns.size();
                    ids.put(key, id);
                    patterns.add(new MpmPattern(id, r.fastPattern, r.fastPatternNocase));
                }
                idByOrder[r.order] = id;
            }
            size = patterns.size();
            mpm = patterns.isEmpty() ? null : matchers.apply(patterns);
        }

        /**
         * The patterns of the rules that require the packet ({@link RuleGroup#packetPayload}), built
         * on first use (groups of packets without a flow never need them); null when none.
         */
        Patterns packetOnly() {
            if (packetOnly == null && !packetRules.isEmpty()) {
                packetOnly = new Patterns(packetRules, matchers, false, true);
            }
            return packetOnly;
        }

        private final List<CompiledRule> indexable = new ArrayList<>();
        private AddressIndex sourceIndex;

        /** The source-address index over the class's indexable unfiltered rules, built on first use. */
        AddressIndex sourceIndex() {
            if (sourceIndex == null) {
                sourceIndex = AddressIndex.build(indexable);
            }
            return sourceIndex;
        }

        int idOf(CompiledRule r) {
            return idByOrder[r.order];
        }

        /**
         * The first rule list of each pattern id that a group of these patterns kept: a class's
         * groups (one per port set) mostly list the same rules for a pattern, most often one rule,
         * and ET Open's groups held 214k such arrays for ~25k distinct lists.
         */
        private int[][] sharedRules;

        /**
         * Pattern {@code id}'s rules in a group, {@code orders[from, to)}: the array kept for the
         * pattern when equal, else a copy (kept when it is the pattern's first). Never changed after.
         */
        int[] shared(int id, int[] orders, int from, int to) {
            if (sharedRules == null) {
                sharedRules = new int[size][];
            }
            int[] kept = sharedRules[id];
            if (kept != null && java.util.Arrays.equals(kept, 0, kept.length, orders, from, to)) {
                return kept;
            }
            int[] copy = java.util.Arrays.copyOfRange(orders, from, to);
            if (kept == null) {
                sharedRules[id] = copy;
            }
            return copy;
        }

        int size() {
            return size;
        }
    }

    /** A pattern as the matchers tell patterns apart: its bytes and its case flag. */
    private static ByteBuffer patternKey(byte[] pattern, boolean nocase) {
        byte[] key = new byte[pattern.length + 1];
        key[0] = (byte) (nocase ? 1 : 0);
        System.arraycopy(pattern, 0, key, 1, pattern.length);
        return ByteBuffer.wrap(key);
    }

    /**
     * @param rules in plan order, all of them among those {@code patterns} was built from
     */
    static RuleGroup build(String name, int index, List<CompiledRule> rules, Patterns patterns) {
        return build(name, index, rules, patterns, false);
    }

    /**
     * @param rules in plan order, all of them among those {@code patterns} was built from
     * @param streamed the group's packets can have their payload go into a stream: build {@link #packetPayload}
     */
    static RuleGroup build(String name, int index, List<CompiledRule> rules, Patterns patterns, boolean streamed) {
        // rules per pattern counted first, then filled: int arrays, no boxed lists
        int[] counts = new int[patterns.size()];
        int[] unfilteredOrders = new int[rules.size()];
        int unfilteredCount = 0;
        java.util.TreeMap<Integer, List<Integer>> gated = new java.util.TreeMap<>();
        List<CompiledRule> indexed = new ArrayList<>();
        int used = 0;
        for (CompiledRule r : rules) {
            if (r.fastPattern == null) {
                if (AddressIndex.indexable(r)) {
                    indexed.add(r);
                } else if (r.gateFlowbit >= 0) {
                    gated.computeIfAbsent(r.gateFlowbit, k -> new ArrayList<>()).add(r.order);
                } else {
                    unfilteredOrders[unfilteredCount++] = r.order;
                }
                continue;
            }
            if (counts[patterns.idOf(r)]++ == 0) {
                used++;
            }
        }
        // the rules of each pattern laid out by pattern id in one array (a counting sort), then
        // each pattern's run taken from the class's kept lists or copied out
        int[] offsets = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            offsets[i + 1] = offsets[i] + counts[i];
            counts[i] = offsets[i];
        }
        int[] byPattern = new int[offsets[counts.length]];
        for (CompiledRule r : rules) {
            if (r.fastPattern != null) {
                byPattern[counts[patterns.idOf(r)]++] = r.order;
            }
        }
        int[][] pr = new int[counts.length][];
        for (int i = 0; i < pr.length; i++) {
            pr[i] = offsets[i] == offsets[i + 1] ? NONE : patterns.shared(i, byPattern, offsets[i], offsets[i + 1]);
        }
        int[] unfiltered = java.util.Arrays.copyOf(unfilteredOrders, unfilteredCount);
        RuleGroup g = new RuleGroup(name, index, used == 0 ? null : patterns.mpm, pr, used, unfiltered, rules.size());
        // one index per packet class, shared by its groups: it may return rules of other groups of the
        // class, whose header and flow checks then refuse them (candidates stay a superset)
        g.bySource = indexed.isEmpty() ? null : patterns.sourceIndex();
        if (g.bySource != null && indexed.size() < g.bySource.all.length) {
            int maxOrder = 0;
            for (int order : g.bySource.all) {
                maxOrder = Math.max(maxOrder, order);
            }
            g.bySourceMembers = new long[(maxOrder >>> 6) + 1];
            for (CompiledRule r : indexed) {
                g.bySourceMembers[r.order >>> 6] |= 1L << r.order;
            }
        }
        if (streamed && g.mpm != null) {
            List<CompiledRule> packetRules = new ArrayList<>();
            for (CompiledRule r : rules) {
                if (r.fastPattern != null && r.requirePacket) {
                    packetRules.add(r);
                }
            }
            Patterns packetPatterns = packetRules.isEmpty() ? null : patterns.packetOnly();
            if (packetPatterns != null) {
                g.packetPayload = build(name + " packet payload", -1, packetRules, packetPatterns);
            }
        }
        g.gateBits = gated.keySet().stream().mapToInt(Integer::intValue).toArray();
        g.gateRules = gated.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        return g;
    }

    /**
     * The prefilter of transaction rules whose fast pattern is a payload content
     * ({@link CompiledRule#txPayloadGate}): one matcher over those contents, scanned over the
     * packet's payload and stream chunk, that makes a rule a candidate only where its content
     * occurs (its payload part cannot match elsewhere).
     */
    static RuleGroup payloadGates(String name, List<CompiledRule> rules,
            Function<List<MpmPattern>, MultiPatternMatcher> matchers) {
        Map<ByteBuffer, Integer> ids = new HashMap<>();
        List<MpmPattern> patterns = new ArrayList<>();
        List<List<Integer>> byPattern = new ArrayList<>();
        for (CompiledRule r : rules) {
            ByteBuffer key = patternKey(r.txPayloadGate, r.txPayloadGateNocase);
            Integer id = ids.get(key);
            if (id == null) {
                id = patterns.size();
                ids.put(key, id);
                patterns.add(new MpmPattern(id, r.txPayloadGate, r.txPayloadGateNocase));
                byPattern.add(new ArrayList<>());
            }
            byPattern.get(id).add(r.order);
        }
        int[][] pr = new int[byPattern.size()][];
        for (int i = 0; i < pr.length; i++) {
            pr[i] = byPattern.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new RuleGroup(name, -1, matchers.apply(patterns), pr, patterns.size(), NONE, rules.size());
    }

    /** Distinct fast patterns of this group's rules. */
    int patternCount() {
        return patternCount;
    }
}
