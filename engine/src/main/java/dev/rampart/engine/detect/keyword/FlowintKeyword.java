package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.FlowDetectState;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.flow.FlowintOption;

/**
 * {@code flowint}: a per-flow uint32. Comparisons and isset/notset are match conditions; set, add
 * and sub run after the rule matched (Suricata's POSTMATCH list), in rule order. As in Suricata:
 * add on a variable that is not set sets it to the value, sub on one that is not set does nothing,
 * a comparison with an unset variable fails, an unset target variable counts as 0, arithmetic
 * wraps at 2^32, and packets without a flow never match.
 */
public final class FlowintKeyword {
    private static final long U32 = 0xFFFF_FFFFL;

    private FlowintKeyword() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        FlowintOption o = (FlowintOption) option;
        int slot = rule.flowint(o.name());
        int target = o.otherVar() == null ? -1 : rule.flowint(o.otherVar());
        long value = o.number() == null ? 0 : o.number();
        FlowintOption.Op op = o.op();
        if (op.isModifier()) {
            rule.flowintUse(true, false);
            rule.addMatcher(ctx -> ctx.flowState != null);
            rule.addPostMatch(ctx -> modify(ctx.flowState, op, slot, target, value));
            return;
        }
        rule.flowintUse(false, true);
        rule.addMatcher(ctx -> test(ctx, op, slot, target, value));
    }

    private static long targetValue(FlowDetectState s, int target, long value) {
        if (target < 0) {
            return value;
        }
        return s.hasInt(target) ? s.intValue(target) : 0;
    }

    private static void modify(FlowDetectState s, FlowintOption.Op op, int slot, int target, long value) {
        long t = targetValue(s, target, value);
        switch (op) {
            case SET -> s.setInt(slot, t);
            case ADD -> s.setInt(slot, s.hasInt(slot) ? (s.intValue(slot) + t) & U32 : t);
            case SUB -> {
                if (s.hasInt(slot)) {
                    s.setInt(slot, (s.intValue(slot) - t) & U32);
                }
            }
            default -> throw new IllegalStateException("not a modifier: " + op);
        }
    }

    private static boolean test(DetectContext ctx, FlowintOption.Op op, int slot, int target, long value) {
        FlowDetectState s = ctx.flowState;
        if (s == null) {
            return false;
        }
        switch (op) {
            case ISSET:
                return s.hasInt(slot);
            case NOTSET:
            case ISNOTSET:
                return !s.hasInt(slot);
            default:
                break;
        }
        if (!s.hasInt(slot)) {
            return false;
        }
        long v = s.intValue(slot);
        long t = targetValue(s, target, value);
        return switch (op) {
            case EQ -> v == t;
            case NE -> v != t;
            case LT -> v < t;
            case LE -> v <= t;
            case GT -> v > t;
            case GE -> v >= t;
            default -> false;
        };
    }
}
