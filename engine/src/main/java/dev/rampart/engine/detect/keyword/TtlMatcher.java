package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/** {@code ttl}: the IPv4 TTL or IPv6 hop limit. */
public final class TtlMatcher implements PacketMatcher {
    private final Uint value;

    private TtlMatcher(Uint value) {
        this.value = value;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new TtlMatcher(((UintOption) option).value()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (ctx.packet.ipVersion == 0) {
            return false;
        }
        return value.matches(ctx.packet.ttl);
    }
}
