package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/** {@code vlan.layers}: the number of VLAN tags the decoder went through (0 without any). */
public final class VlanLayersMatcher implements PacketMatcher {
    private final Uint value;

    private VlanLayersMatcher(Uint value) {
        this.value = value;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addMatcher(new VlanLayersMatcher(((UintOption) option).value()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return value.matches(ctx.packet.vlanCount);
    }
}
