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
 * {@link DetectionPlan} for the grouping), with one
 * multi-pattern matcher over their payload fast patterns. Identical patterns (bytes and case
 * mode) share one matcher id; {@link #patternRules} maps an id to the rules behind it. Rules with
 * no usable fast pattern are on {@link #unfiltered} and are evaluated for every packet of the class.
 */
final class RuleGroup {
    final String name;
    /** Position in {@link DetectionPlan#allGroups}: workers keep their matcher scratch by it. */
    final int index;
    final MultiPatternMatcher mpm;
    /** Matcher pattern id to rule orders. */
    final int[][] patternRules;
    /** Rule orders evaluated without a prefilter hit, ascending. */
    final int[] unfiltered;
    final int ruleCount;

    private RuleGroup(String name, int index, MultiPatternMatcher mpm, int[][] patternRules, int[] unfiltered,
            int ruleCount) {
        this.name = name;
        this.index = index;
        this.mpm = mpm;
        this.patternRules = patternRules;
        this.unfiltered = unfiltered;
        this.ruleCount = ruleCount;
    }

    /**
     * @param rules in plan order
     * @param matchers compiles (or fetches) the matcher for a non-empty pattern list
     */
    static RuleGroup build(String name, int index, List<CompiledRule> rules,
            Function<List<MpmPattern>, MultiPatternMatcher> matchers) {
        Map<ByteBuffer, Integer> ids = new HashMap<>();
        List<MpmPattern> patterns = new ArrayList<>();
        List<List<Integer>> byPattern = new ArrayList<>();
        List<Integer> unfiltered = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (r.fastPattern == null) {
                unfiltered.add(r.order);
                continue;
            }
            byte[] key = new byte[r.fastPattern.length + 1];
            key[0] = (byte) (r.fastPatternNocase ? 1 : 0);
            System.arraycopy(r.fastPattern, 0, key, 1, r.fastPattern.length);
            Integer id = ids.get(ByteBuffer.wrap(key));
            if (id == null) {
                id = patterns.size();
                ids.put(ByteBuffer.wrap(key), id);
                patterns.add(new MpmPattern(id, r.fastPattern, r.fastPatternNocase));
                byPattern.add(new ArrayList<>());
            }
            byPattern.get(id).add(r.order);
        }
        MultiPatternMatcher mpm = null;
        if (!patterns.isEmpty()) {
            mpm = matchers.apply(patterns);
        }
        int[][] pr = new int[byPattern.size()][];
        for (int i = 0; i < pr.length; i++) {
            pr[i] = byPattern.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new RuleGroup(name, index, mpm, pr, unfiltered.stream().mapToInt(Integer::intValue).toArray(), rules.size());
    }

    int patternCount() {
        return patternRules.length;
    }
}
