package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.AckOption;

/** {@code ack}: the TCP acknowledgement number equals the value. */
public final class TcpAckMatcher implements PacketMatcher {
    private final long ack;

    private TcpAckMatcher(long ack) {
        this.ack = ack;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new TcpAckMatcher(((AckOption) option).ack()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.isTcp() && !ctx.pseudo && ctx.packet.tcpAck == ack;
    }
}
