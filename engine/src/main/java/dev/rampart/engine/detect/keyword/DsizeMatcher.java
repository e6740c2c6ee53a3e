package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.payload.DsizeOption;

/** {@code dsize}: the packet's payload size; makes the rule's payload inspection per packet. */
public final class DsizeMatcher implements PacketMatcher {
    private final Uint size;

    private DsizeMatcher(Uint size) {
        this.size = size;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new DsizeMatcher(((DsizeOption) option).size()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        // pseudo packets carry no payload of their own: Suricata skips dsize rules on them
        return !ctx.pseudo && size.matches(ctx.packet.payloadLength);
    }
}
