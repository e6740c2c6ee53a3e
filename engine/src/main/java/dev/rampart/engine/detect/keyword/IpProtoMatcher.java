package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.IpProtoOption;

/**
 * {@code ip_proto}: the layer 4 protocol number (after IPv6 extension headers) is, is not, is below
 * or above the value.
 */
public final class IpProtoMatcher implements PacketMatcher {
    private final IpProtoOption.Op op;
    private final int proto;

    private IpProtoMatcher(IpProtoOption o) {
        this.op = o.op();
        this.proto = o.proto();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new IpProtoMatcher((IpProtoOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (ctx.packet.ipVersion == 0) {
            return false;
        }
        int p = ctx.packet.ipProto;
        return switch (op) {
            case EQ -> p == proto;
            case NOT -> p != proto;
            case LT -> p < proto;
            case GT -> p > proto;
        };
    }
}
