package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.SeqOption;

/** {@code seq}: the TCP sequence number equals the value. */
public final class TcpSeqMatcher implements PacketMatcher {
    private final long seq;

    private TcpSeqMatcher(long seq) {
        this.seq = seq;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new TcpSeqMatcher(((SeqOption) option).seq()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.isTcp() && !ctx.pseudo && ctx.packet.tcpSeq == seq;
    }
}
