package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.FlowDetectState;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.flow.FlowbitsOption;
import java.util.List;

/**
 * {@code flowbits}: {@code isset}/{@code isnotset} test the flow's bits while the rule is
 * evaluated ({@code a|b}: any of them); {@code set}/{@code unset}/{@code toggle} change them after
 * the rule matched, in rule order; {@code noalert} silences the rule. Packets without a flow never
 * match a flowbits rule.
 */
public final class FlowbitsKeyword {
    private FlowbitsKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        FlowbitsOption o = (FlowbitsOption) option;
        List<String> names = o.names();
        int[] bits = new int[names.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = rule.flowbit(names.get(i));
        }
        switch (o.command()) {
            case ISSET -> {
                rule.flowbitUse(false, true);
                if (bits.length == 1) {
                    rule.gateOnFlowbit(bits[0]);
                }
                rule.addMatcher(ctx -> anyIsSet(ctx, bits, true));
            }
            case ISNOTSET -> {
                rule.flowbitUse(false, true);
                rule.addMatcher(ctx -> anyIsSet(ctx, bits, false));
            }
            case SET -> {
                rule.flowbitUse(true, false);
                requireFlow(rule);
                rule.addPostMatch(ctx -> {
                    for (int b : bits) {
                        ctx.flowState.set(b);
                    }
                });
            }
            case UNSET -> {
                rule.flowbitUse(true, false);
                requireFlow(rule);
                rule.addPostMatch(ctx -> {
                    for (int b : bits) {
                        ctx.flowState.unset(b);
                    }
                });
            }
            case TOGGLE -> {
                rule.flowbitUse(true, false);
                requireFlow(rule);
                rule.addPostMatch(ctx -> {
                    for (int b : bits) {
                        ctx.flowState.toggle(b);
                    }
                });
            }
            case NOALERT -> rule.noalert();
        }
    }

    private static void requireFlow(RuleBuilder rule) {
        rule.addMatcher(ctx -> ctx.flowState != null);
    }

    /** With {@code wantSet}: any bit set; without: any bit not set. */
    private static boolean anyIsSet(DetectContext ctx, int[] bits, boolean wantSet) {
        FlowDetectState s = ctx.flowState;
        if (s == null) {
            return false;
        }
        for (int b : bits) {
            if (s.isSet(b) == wantSet) {
                return true;
            }
        }
        return false;
    }
}
