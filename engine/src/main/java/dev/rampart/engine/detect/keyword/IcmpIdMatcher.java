package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.IcmpIdOption;

/**
 * {@code icmp_id}: the identifier of ICMP messages that carry one (echo, timestamp, info and
 * address mask; ICMPv6 echo), as Suricata's detect-icmp-id.c; never matches other messages.
 */
public final class IcmpIdMatcher implements PacketMatcher {
    private final int id;

    private IcmpIdMatcher(int id) {
        this.id = id;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new IcmpIdMatcher(((IcmpIdOption) option).id()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Packet p = ctx.packet;
        return !ctx.pseudo && IcmpEcho.hasIdSeq(p) && p.icmpId == id;
    }
}
