package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.IpoptsOption;

/**
 * {@code ipopts}: the IPv4 header carried the option and the decoder accepted it (Suricata's
 * opts_set); {@code any}: some option did. IPv4 only; esec is never set (Suricata 7's decoder
 * does not record it either).
 */
public final class IpoptsMatcher implements PacketMatcher {
    private final int mask;

    private IpoptsMatcher(int mask) {
        this.mask = mask;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new IpoptsMatcher(mask(((IpoptsOption) option).option())));
    }

    static int mask(IpoptsOption.Option o) {
        return switch (o) {
            case RR -> Packet.IPV4_OPT_RR;
            case EOL -> Packet.IPV4_OPT_EOL;
            case NOP -> Packet.IPV4_OPT_NOP;
            case TS -> Packet.IPV4_OPT_TS;
            case SEC -> Packet.IPV4_OPT_SEC;
            case ESEC -> 0;
            case LSRR -> Packet.IPV4_OPT_LSRR;
            case SSRR -> Packet.IPV4_OPT_SSRR;
            case SATID -> Packet.IPV4_OPT_SID;
            case ANY -> -1;
        };
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.ipVersion == 4 && !ctx.pseudo && (ctx.packet.ipv4Options & mask) != 0;
    }
}
