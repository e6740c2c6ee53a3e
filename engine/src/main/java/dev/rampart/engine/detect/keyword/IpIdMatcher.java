package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.IdOption;

/** {@code id}: the IPv4 identification field (IPv4 only, as Suricata's detect-id.c). */
public final class IpIdMatcher implements PacketMatcher {
    private final int id;

    private IpIdMatcher(int id) {
        this.id = id;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new IpIdMatcher(((IdOption) option).id()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.ipVersion == 4 && !ctx.pseudo && ctx.packet.ipId == id;
    }
}
