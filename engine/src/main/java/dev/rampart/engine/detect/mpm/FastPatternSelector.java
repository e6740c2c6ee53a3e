package dev.rampart.engine.detect.mpm;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.FlagOption;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the content a rule contributes to the multi-pattern matcher, as Suricata 7 does
 * ({@code RetrieveFPForSig}, {@code GetMpmForList}):
 *
 * <ol>
 *   <li>A rule with {@code prefilter} on a non-content keyword uses that keyword instead: no fast
 *       pattern. {@code prefilter} right after a content acts as a plain {@code fast_pattern}.</li>
 *   <li>A content marked {@code fast_pattern} (any form) is the fast pattern, in its buffer; the
 *       chop form {@code fast_pattern:o,l} contributes only that slice.</li>
 *   <li>Otherwise, from the buffers of the best priority tier that hold a non-negated content
 *       (negated contents are candidates only when the rule has no other content): sticky buffers
 *       are tier 2 and the packet/stream payload tier 3, a lower number being preferred, so an
 *       {@code http.uri} content beats a payload content of any length; {@code http.method} is
 *       tier 4 and {@code http.stat_msg} tier 3, as Suricata registers them. Among the tier's
 *       candidates the longest length is required; ties by {@link PatternStrength} (of the
 *       lowercased bytes for nocase), then the first one.</li>
 * </ol>
 *
 * <p>Assumptions, where Suricata's registration order is not visible from a rule: all sticky
 * buffers except {@code base64_data} support the MPM and, but for the three named above, share
 * priority 2, and buffers within a
 * tier are visited in the order they first appear in the rule (it only decides ties between
 * equally long, equally strong contents in two different sticky buffers).
 */
public final class FastPatternSelector {

    /** Why a content was chosen. */
    public enum Reason {
        /** {@code fast_pattern} or {@code fast_pattern:only} on the content. */
        EXPLICIT,
        /** {@code fast_pattern:o,l}: the slice only. */
        EXPLICIT_CHOP,
        /** {@code prefilter} right after the content. */
        PREFILTER_KEYWORD,
        /** Longest, then strongest. */
        SCORED,
        /** Scored among negated contents, the rule having no other. */
        SCORED_NEGATED
    }

    /**
     * The chosen fast pattern.
     *
     * @param bytes what goes into the matcher (the chop slice for the chop form)
     */
    public record Selection(Buffer buffer, ContentOption content, byte[] bytes, Reason reason) {
        public boolean nocase() {
            return content.nocase();
        }

        /**
         * A negated fast pattern cannot prove a rule's absence; Suricata keeps such a rule on the
         * non-prefiltered list (only the {@code fast_pattern:only}-like single negated content is
         * conclusive, and that case is not distinguished here).
         */
        public boolean negated() {
            return content.negated();
        }
    }

    static final int PRIORITY_STICKY = 2;
    static final int PRIORITY_PAYLOAD = 3;

    private FastPatternSelector() {
    }

    static boolean supportsMpm(Buffer b) {
        return !"base64_data".equals(b.name());
    }

    /** Suricata's MPM registration priorities; a lower number is preferred. */
    static int priority(Buffer b) {
        return switch (b.name()) {
            case Buffer.PAYLOAD_NAME, "http.stat_msg" -> PRIORITY_PAYLOAD;
            case "http.method" -> 4;
            default -> PRIORITY_STICKY;
        };
    }

    /**
     * Strength as Suricata computes it: on the content as stored, which for {@code nocase} is
     * lowercased (so "CN=x" nocase scores below "CN=x" case-sensitive).
     */
    static int strength(ContentOption c) {
        byte[] b = c.pattern().toByteArray();
        if (c.nocase()) {
            for (int i = 0; i < b.length; i++) {
                b[i] = AhoCorasickMatcher.fold(b[i]);
            }
        }
        return PatternStrength.of(b);
    }

    /** The fast pattern of a rule, or null when the rule has none (it is then never prefiltered by MPM). */
    public static Selection select(Rule rule) {
        List<RuleOption> options = rule.options();
        ContentOption prefilterContent = null;
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i) instanceof FlagOption f && f.keyword().equals("prefilter")) {
                RuleOption before = precedingMatch(options, i);
                if (before instanceof ContentOption c) {
                    prefilterContent = c;
                } else {
                    return null;
                }
            }
        }
        // contents grouped by buffer, buffers in order of first appearance
        Map<Buffer, List<ContentOption>> byBuffer = new LinkedHashMap<>();
        boolean anyPlain = false;
        boolean anyNegated = false;
        for (RuleOption o : options) {
            if (!(o instanceof ContentOption c) || !supportsMpm(c.buffer())) {
                continue;
            }
            if (c.fastPattern() != null) {
                return explicit(c);
            }
            byBuffer.computeIfAbsent(c.buffer(), k -> new ArrayList<>()).add(c);
            if (c.negated()) {
                anyNegated = true;
            } else {
                anyPlain = true;
            }
        }
        if (prefilterContent != null) {
            return new Selection(prefilterContent.buffer(), prefilterContent, prefilterContent.pattern().toByteArray(),
                    Reason.PREFILTER_KEYWORD);
        }
        if (!anyPlain && !anyNegated) {
            return null;
        }
        boolean negatedOnly = !anyPlain;
        // best tier holding a candidate
        int best = Integer.MAX_VALUE;
        for (Map.Entry<Buffer, List<ContentOption>> e : byBuffer.entrySet()) {
            for (ContentOption c : e.getValue()) {
                if (c.negated() == negatedOnly) {
                    best = Math.min(best, priority(e.getKey()));
                }
            }
        }
        int maxLen = 0;
        for (Map.Entry<Buffer, List<ContentOption>> e : byBuffer.entrySet()) {
            if (priority(e.getKey()) != best) {
                continue;
            }
            for (ContentOption c : e.getValue()) {
                if (c.negated() == negatedOnly) {
                    maxLen = Math.max(maxLen, c.pattern().length());
                }
            }
        }
        ContentOption chosen = null;
        int chosenStrength = -1;
        for (Map.Entry<Buffer, List<ContentOption>> e : byBuffer.entrySet()) {
            if (priority(e.getKey()) != best) {
                continue;
            }
            for (ContentOption c : e.getValue()) {
                if (c.negated() != negatedOnly || c.pattern().length() != maxLen) {
                    continue;
                }
                int strength = strength(c);
                if (chosen == null || strength > chosenStrength) {
                    chosen = c;
                    chosenStrength = strength;
                }
            }
        }
        if (chosen == null) {
            return null;
        }
        return new Selection(chosen.buffer(), chosen, chosen.pattern().toByteArray(),
                negatedOnly ? Reason.SCORED_NEGATED : Reason.SCORED);
    }

    private static Selection explicit(ContentOption c) {
        byte[] all = c.pattern().toByteArray();
        ContentOption.FastPattern fp = c.fastPattern();
        if (fp.isChop()) {
            int from = Math.min(fp.chopOffset(), all.length);
            int to = Math.min(all.length, from + Math.max(0, fp.chopLength()));
            if (to > from) {
                return new Selection(c.buffer(), c, Arrays.copyOfRange(all, from, to), Reason.EXPLICIT_CHOP);
            }
        }
        return new Selection(c.buffer(), c, all, Reason.EXPLICIT);
    }

    /** The last option before index i that is a match (not msg/sid/... and not a flag like prefilter itself). */
    private static RuleOption precedingMatch(List<RuleOption> options, int i) {
        for (int k = i - 1; k >= 0; k--) {
            RuleOption o = options.get(k);
            if (o.getClass().getPackageName().endsWith(".meta")) {
                continue;
            }
            if (o instanceof FlagOption f && f.keyword().equals("prefilter")) {
                continue;
            }
            return o;
        }
        return null;
    }
}
