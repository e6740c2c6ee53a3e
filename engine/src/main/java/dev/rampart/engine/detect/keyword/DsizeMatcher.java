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
    /**
     * Suricata's signature mask: dsize above 0 ({@code >}, {@code >=}, {@code !=}, a range, an
     * equality with a positive size) needs a payload, so the rule does not run on a packet whose
     * payload is not inspected; {@code <} and {@code <=} still compare the packet's real size.
     */
    private final boolean needsPayload;

    private DsizeMatcher(Uint size) {
        this.size = size;
        this.needsPayload = switch (size.mode()) {
            case GT, GE, NE, RANGE -> true;
            case EQ -> size.arg1() > 0;
            default -> false;
        };
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new DsizeMatcher(((DsizeOption) option).size()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        // pseudo packets carry no payload of their own: Suricata skips dsize rules on them
        return !ctx.pseudo && !(ctx.noPayload && needsPayload) && size.matches(ctx.packet.payloadLength);
    }
}
