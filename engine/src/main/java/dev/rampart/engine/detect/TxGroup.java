package dev.rampart.engine.detect;

import dev.rampart.engine.detect.app.AppBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transaction rules of one app-layer protocol and direction, with one prefilter per buffer
 * that carries fast patterns (Suricata registers one MPM per buffer per direction); rules whose
 * fast pattern is not in an app buffer are {@link #unfiltered}.
 */
final class TxGroup {
    final AppBuffer[] buffers;
    final RuleGroup[] prefilters;
    final int[] unfiltered;
    final int ruleCount;

    private TxGroup(AppBuffer[] buffers, RuleGroup[] prefilters, int[] unfiltered, int ruleCount) {
        this.buffers = buffers;
        this.prefilters = prefilters;
        this.unfiltered = unfiltered;
        this.ruleCount = ruleCount;
    }

    /** @param matchers compiles (or loads from the cache) one matcher for a pattern list */
    static TxGroup build(String name, List<CompiledRule> rules,
            java.util.function.Function<List<dev.rampart.engine.detect.mpm.MpmPattern>, dev.rampart.engine.detect.mpm.MultiPatternMatcher> matchers) {
        Map<AppBuffer, List<CompiledRule>> byBuffer = new LinkedHashMap<>();
        List<Integer> unfiltered = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (r.fastPatternBuffer == null) {
                unfiltered.add(r.order);
            } else {
                byBuffer.computeIfAbsent(r.fastPatternBuffer, k -> new ArrayList<>()).add(r);
            }
        }
        AppBuffer[] buffers = byBuffer.keySet().toArray(new AppBuffer[0]);
        RuleGroup[] prefilters = new RuleGroup[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            List<CompiledRule> rs = byBuffer.get(buffers[i]);
            prefilters[i] = RuleGroup.build(name + "/" + buffers[i].name(), -1, rs, new RuleGroup.Patterns(rs, matchers));
        }
        return new TxGroup(buffers, prefilters, unfiltered.stream().mapToInt(Integer::intValue).toArray(), rules.size());
    }
}
