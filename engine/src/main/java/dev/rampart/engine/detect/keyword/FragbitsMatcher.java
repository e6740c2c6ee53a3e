package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.FragbitsOption;

/**
 * {@code fragbits}: the IPv4 flags R, D, M compared with the modifier (none: exactly these,
 * {@code +} these and at least one other, as Suricata's check has it, {@code *} any of these,
 * {@code !} not all of these). IPv4 only.
 */
public final class FragbitsMatcher implements PacketMatcher {
    private final FragbitsOption.Modifier modifier;
    private final int bits;

    private FragbitsMatcher(FragbitsOption o) {
        this.modifier = o.modifier();
        this.bits = o.bits();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new FragbitsMatcher((FragbitsOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (ctx.packet.ipVersion != 4 || ctx.pseudo) {
            return false;
        }
        int f = ctx.packet.ipFlags & 0x7;
        return switch (modifier) {
            case EXACT -> f == bits;
            case PLUS -> (f & bits) == bits && f != bits;
            case ANY -> (f & bits) != 0;
            case NOT -> (f & bits) != bits;
        };
    }
}
