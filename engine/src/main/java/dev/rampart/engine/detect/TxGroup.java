package dev.rampart.engine.detect;

import dev.rampart.engine.detect.app.AppBuffer;
import dev.rampart.engine.detect.transform.TransformChain;
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
    /** Transforms applied to buffer i before its prefilter scan, or null. */
    final TransformChain[] transforms;
    final RuleGroup[] prefilters;
    final int[] unfiltered;
    final int ruleCount;

    private TxGroup(AppBuffer[] buffers, TransformChain[] transforms, RuleGroup[] prefilters, int[] unfiltered,
            int ruleCount) {
        this.buffers = buffers;
        this.transforms = transforms;
        this.prefilters = prefilters;
        this.unfiltered = unfiltered;
        this.ruleCount = ruleCount;
    }

    /** @param matchers compiles (or loads from the cache) one matcher for a pattern list */
    static TxGroup build(String name, List<CompiledRule> rules,
            java.util.function.Function<List<dev.rampart.engine.detect.mpm.MpmPattern>, dev.rampart.engine.detect.mpm.MultiPatternMatcher> matchers) {
        // one prefilter per buffer and transform list
        Map<dev.rampart.rules.Buffer, List<CompiledRule>> byBuffer = new LinkedHashMap<>();
        List<Integer> unfiltered = new ArrayList<>();
        for (CompiledRule r : rules) {
            TransformChain chain = null;
            if (r.fastPatternBuffer != null) {
                try {
                    chain = TransformChain.compile(r.fastPatternSpec.transforms());
                } catch (TransformChain.Unsupported e) {
                    r.fastPatternBuffer = null; // cannot prefilter: evaluate it for every transaction
                }
            }
            if (r.fastPatternBuffer == null) {
                unfiltered.add(r.order);
            } else {
                byBuffer.computeIfAbsent(r.fastPatternSpec, k -> new ArrayList<>()).add(r);
            }
        }
        int n = byBuffer.size();
        AppBuffer[] buffers = new AppBuffer[n];
        TransformChain[] transforms = new TransformChain[n];
        RuleGroup[] prefilters = new RuleGroup[n];
        int i = 0;
        for (Map.Entry<dev.rampart.rules.Buffer, List<CompiledRule>> e : byBuffer.entrySet()) {
            List<CompiledRule> rs = e.getValue();
            buffers[i] = rs.get(0).fastPatternBuffer;
            try {
                transforms[i] = TransformChain.compile(e.getKey().transforms());
            } catch (TransformChain.Unsupported ex) {
                throw new IllegalStateException(ex); // compiled once above for the same list
            }
            prefilters[i] = RuleGroup.build(name + "/" + e.getKey().name(), -1, rs, new RuleGroup.Patterns(rs, matchers));
            i++;
        }
        return new TxGroup(buffers, transforms, prefilters, unfiltered.stream().mapToInt(Integer::intValue).toArray(),
                rules.size());
    }
}
