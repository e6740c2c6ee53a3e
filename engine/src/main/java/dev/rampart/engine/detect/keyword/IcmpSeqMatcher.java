package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.IcmpSeqOption;

/** {@code icmp_seq}: the sequence number of ICMP messages that carry one (see {@link IcmpIdMatcher}). */
public final class IcmpSeqMatcher implements PacketMatcher {
    private final int seq;

    private IcmpSeqMatcher(int seq) {
        this.seq = seq;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new IcmpSeqMatcher(((IcmpSeqOption) option).seq()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Packet p = ctx.packet;
        return !ctx.pseudo && IcmpEcho.hasIdSeq(p) && p.icmpSeq == seq;
    }
}
