package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.TosOption;

/** {@code tos}: the IPv4 TOS byte equals (or, negated, differs from) the value; IPv4 only. */
public final class TosMatcher implements PacketMatcher {
    private final int tos;
    private final boolean negated;

    private TosMatcher(TosOption o) {
        this.tos = o.tos();
        this.negated = o.negated();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new TosMatcher((TosOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (ctx.packet.ipVersion != 4 || ctx.pseudo) {
            return false;
        }
        return (ctx.packet.tos == tos) != negated;
    }
}
