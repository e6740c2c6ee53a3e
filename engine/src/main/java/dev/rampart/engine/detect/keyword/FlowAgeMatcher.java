package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.flow.Flow;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/**
 * {@code flow.age}: whole seconds of the flow's last packet time (this packet's) minus whole
 * seconds of its start, as Suricata subtracts the seconds parts. Flow-end pseudo packets do not
 * match (oracle: Suricata 7.0.10 does not alert on them).
 */
public final class FlowAgeMatcher implements PacketMatcher {
    private static final long NANOS = 1_000_000_000L;
    private final Uint value;

    private FlowAgeMatcher(Uint value) {
        this.value = value;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addMatcher(new FlowAgeMatcher(((UintOption) option).value()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Flow f = ctx.flow;
        if (f == null || ctx.pseudo) {
            return false;
        }
        long age = Math.floorDiv(f.lastSeenNanos, NANOS) - Math.floorDiv(f.firstSeenNanos, NANOS);
        return value.matches(age & 0xFFFF_FFFFL);
    }
}
