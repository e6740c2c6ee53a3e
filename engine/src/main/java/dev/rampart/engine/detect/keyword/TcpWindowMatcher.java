package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.WindowOption;

/** {@code window}: the TCP window field (unscaled) equals, or negated differs from, the value. */
public final class TcpWindowMatcher implements PacketMatcher {
    private final int size;
    private final boolean negated;

    private TcpWindowMatcher(WindowOption o) {
        this.size = o.size();
        this.negated = o.negated();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new TcpWindowMatcher((WindowOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.isTcp() && !ctx.pseudo && (ctx.packet.tcpWindow == size) != negated;
    }
}
