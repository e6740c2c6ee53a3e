package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/** {@code itype}: ICMP/ICMPv6 type; never matches other protocols. */
public final class ItypeMatcher implements PacketMatcher {
    private final Uint value;

    private ItypeMatcher(Uint value) {
        this.value = value;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new ItypeMatcher(((UintOption) option).value()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        int proto = ctx.packet.ipProto;
        if (ctx.packet.l4Offset <= 0 || proto != 1 && proto != 58) {
            return false;
        }
        return value.matches(ctx.packet.icmpType);
    }
}
