package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/** {@code icode}: ICMP/ICMPv6 code; never matches other protocols. */
public final class IcodeMatcher implements PacketMatcher {
    private final Uint value;

    private IcodeMatcher(Uint value) {
        this.value = value;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new IcodeMatcher(((UintOption) option).value()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        int proto = ctx.packet.ipProto;
        if (ctx.packet.l4Offset <= 0 || proto != 1 && proto != 58) {
            return false;
        }
        return value.matches(ctx.packet.icmpCode);
    }
}
