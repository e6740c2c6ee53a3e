package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.flow.FlowOption;
import dev.rampart.rules.keyword.flow.FlowOption.Flag;

/**
 * {@code flow}: packet direction within its flow, established state, fragment origin; the stream
 * flags only choose packet vs stream inspection at compile time. A packet without a flow matches
 * only conditions that need none ({@code stateless}, fragment flags).
 */
public final class FlowMatcher implements PacketMatcher {
    private final boolean toServer;
    private final boolean toClient;
    private final boolean established;
    private final boolean notEstablished;
    private final boolean onlyFrag;
    private final boolean noFrag;

    private FlowMatcher(FlowOption o) {
        toServer = o.has(Flag.TO_SERVER);
        toClient = o.has(Flag.TO_CLIENT);
        established = o.has(Flag.ESTABLISHED);
        notEstablished = o.has(Flag.NOT_ESTABLISHED);
        onlyFrag = o.has(Flag.ONLY_FRAG);
        noFrag = o.has(Flag.NO_FRAG);
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        FlowOption o = (FlowOption) option;
        if (o.has(Flag.ONLY_STREAM)) {
            rule.requireFlowOnlyStream();
        }
        if (o.has(Flag.NO_STREAM)) {
            rule.requirePacket();
        }
        FlowMatcher m = new FlowMatcher(o);
        if (m.toServer || m.toClient || m.established || m.notEstablished || m.onlyFrag || m.noFrag) {
            rule.addMatcher(m);
        }
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (onlyFrag && !ctx.packet.reassembled || noFrag && ctx.packet.reassembled) {
            return false;
        }
        if (toServer || toClient || established || notEstablished) {
            if (ctx.flow == null) {
                return false;
            }
            if (toServer && !ctx.toServer || toClient && ctx.toServer) {
                return false;
            }
            if (established && !ctx.established || notEstablished && ctx.established) {
                return false;
            }
        }
        return true;
    }
}
