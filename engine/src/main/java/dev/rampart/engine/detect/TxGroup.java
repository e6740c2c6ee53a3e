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
 * fast pattern is not in an app buffer are {@link #unfiltered}. Buffers that hold the same bytes
 * in this direction (the HTTP body as http.response_body, file.data and file.data@to_client) with
 * the same transforms share one prefilter: a body is scanned once per inspection, not once per name.
 */
final class TxGroup {
    final AppBuffer[] buffers;
    /** Transforms applied to buffer i before its prefilter scan, or null. */
    final TransformChain[] transforms;
    final RuleGroup[] prefilters;
    /**
     * For prefilter i over a body that only grows (untransformed HTTP body): the longest fast
     * pattern in bytes, so a later inspection scans only the new bytes plus that many minus one
     * before them; 0 when the buffer is scanned whole every time.
     */
    final int[] growingOverlap;
    final int[] unfiltered;
    /**
     * Rules whose fast pattern is a payload content, by that content over the packet's payload and
     * stream chunk (see {@link RuleGroup#payloadGates}); null when none.
     */
    final RuleGroup payloadGates;
    final int ruleCount;

    private TxGroup(AppBuffer[] buffers, TransformChain[] transforms, RuleGroup[] prefilters, int[] growingOverlap,
            int[] unfiltered, RuleGroup payloadGates, int ruleCount) {
        this.payloadGates = payloadGates;
        this.buffers = buffers;
        this.transforms = transforms;
        this.prefilters = prefilters;
        this.growingOverlap = growingOverlap;
        this.unfiltered = unfiltered;
        this.ruleCount = ruleCount;
    }

    /** @param matchers compiles (or loads from the cache) one matcher for a pattern list */
    static TxGroup build(String name, boolean toServer, List<CompiledRule> rules,
            java.util.function.Function<List<dev.rampart.engine.detect.mpm.MpmPattern>, dev.rampart.engine.detect.mpm.MultiPatternMatcher> matchers) {
        // one prefilter per distinct input: buffer bytes and transform list
        Map<ScanInput, List<CompiledRule>> byBuffer = new LinkedHashMap<>();
        Map<ScanInput, List<String>> specNames = new LinkedHashMap<>();
        List<Integer> unfiltered = new ArrayList<>();
        List<CompiledRule> gated = new ArrayList<>();
        for (CompiledRule r : rules) {
            TransformChain chain = null;
            if (r.fastPatternBuffer != null) {
                try {
                    chain = TransformChain.compile(r.fastPatternSpec.transforms());
                } catch (TransformChain.Unsupported e) {
                    r.fastPatternBuffer = null; // cannot prefilter: evaluate it for every transaction
                }
            }
            if (r.fastPatternBuffer == null && r.txPayloadGate != null) {
                gated.add(r);
            } else if (r.fastPatternBuffer == null) {
                unfiltered.add(r.order);
            } else {
                ScanInput in = ScanInput.of(r.fastPatternBuffer, r.fastPatternSpec, toServer);
                byBuffer.computeIfAbsent(in, k -> new ArrayList<>()).add(r);
                List<String> names = specNames.computeIfAbsent(in, k -> new ArrayList<>());
                if (!names.contains(r.fastPatternSpec.name())) {
                    names.add(r.fastPatternSpec.name());
                }
            }
        }
        int n = byBuffer.size();
        AppBuffer[] buffers = new AppBuffer[n];
        TransformChain[] transforms = new TransformChain[n];
        RuleGroup[] prefilters = new RuleGroup[n];
        int[] growingOverlap = new int[n];
        int i = 0;
        for (Map.Entry<ScanInput, List<CompiledRule>> e : byBuffer.entrySet()) {
            List<CompiledRule> rs = e.getValue();
            // any member reads the same bytes: the first one's getter serves the merged prefilter
            buffers[i] = rs.get(0).fastPatternBuffer;
            try {
                transforms[i] = TransformChain.compile(e.getKey().transforms());
            } catch (TransformChain.Unsupported ex) {
                throw new IllegalStateException(ex); // compiled once above for the same list
            }
            String label = String.join("+", specNames.get(e.getKey()));
            prefilters[i] = RuleGroup.build(name + "/" + label, -1, rs, new RuleGroup.Patterns(rs, matchers));
            if (buffers[i].body() && !buffers[i].multi() && transforms[i] == null) {
                int longest = 1;
                for (CompiledRule r : rs) {
                    longest = Math.max(longest, r.fastPattern == null ? 0 : r.fastPattern.length);
                }
                growingOverlap[i] = longest;
            }
            i++;
        }
        RuleGroup gates = gated.isEmpty() ? null : RuleGroup.payloadGates(name + "/payload", gated, matchers);
        return new TxGroup(buffers, transforms, prefilters, growingOverlap, unfiltered.stream().mapToInt(Integer::intValue).toArray(),
                gates, rules.size());
    }

    /**
     * What a prefilter scans: the bytes a buffer holds in the group's direction and the transforms
     * applied to them. Body buffers readable in this direction (http.request_body or
     * http.response_body, file.data, a pinned file.data of this side) all read
     * {@code HttpTx.inspectableBody} of this side, so they share one key; any other buffer is its own.
     */
    record ScanInput(String bytes, List<dev.rampart.rules.TransformOption> transforms) {
        static ScanInput of(AppBuffer b, dev.rampart.rules.Buffer spec, boolean toServer) {
            String bytes = b.body() && b.in(toServer) ? b.proto() + (toServer ? " body/ts" : " body/tc") : b.name();
            return new ScanInput(bytes, spec.transforms());
        }
    }
}
