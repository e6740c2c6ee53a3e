package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;

/** {@code sameip}: source and destination address are the same. */
public final class SameipMatcher implements PacketMatcher {
    private static final SameipMatcher INSTANCE = new SameipMatcher();

    private SameipMatcher() {
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(INSTANCE);
    }

    @Override
    public boolean matches(DetectContext ctx) {
        var p = ctx.packet;
        return p.ipVersion != 0 && !ctx.pseudo && p.srcHi == p.dstHi && p.srcLo == p.dstLo;
    }
}
