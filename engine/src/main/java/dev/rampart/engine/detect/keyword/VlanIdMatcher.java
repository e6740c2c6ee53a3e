package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.header.VlanIdOption;

/**
 * {@code vlan.id}: the VLAN id at a layer (outermost is 0, negative indexes count from the
 * innermost), at any layer, or at all layers. Packets without VLAN tags never match.
 */
public final class VlanIdMatcher implements PacketMatcher {
    private final Uint value;
    private final int layer;

    private VlanIdMatcher(VlanIdOption o) {
        this.value = o.value();
        this.layer = o.layer();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addMatcher(new VlanIdMatcher((VlanIdOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Packet p = ctx.packet;
        int n = Math.min(p.vlanCount, Packet.MAX_VLAN_LAYERS);
        if (n == 0) {
            return false;
        }
        if (layer == VlanIdOption.ANY) {
            for (int i = 0; i < n; i++) {
                if (value.matches(p.vlanIds[i])) {
                    return true;
                }
            }
            return false;
        }
        if (layer == VlanIdOption.ALL) {
            for (int i = 0; i < n; i++) {
                if (!value.matches(p.vlanIds[i])) {
                    return false;
                }
            }
            return true;
        }
        int idx = layer < 0 ? n + layer : layer;
        return idx >= 0 && idx < n && value.matches(p.vlanIds[idx]);
    }
}
