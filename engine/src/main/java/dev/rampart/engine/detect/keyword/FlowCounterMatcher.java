package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.flow.Flow;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;
import dev.rampart.rules.keyword.flow.FlowCounterOption;

/**
 * {@code flow.pkts} / {@code flow.bytes} (direction argument, {@code either}: one direction
 * suffices) and the older {@code flow.pkts_toserver}, ... forms: the flow's packet or byte counters,
 * this packet included. Packets without a flow, and flow-end pseudo packets, never match.
 */
public final class FlowCounterMatcher implements PacketMatcher {
    private final Uint value;
    private final boolean bytes;
    private final boolean toServer;
    private final boolean toClient;

    private FlowCounterMatcher(Uint value, boolean bytes, boolean toServer, boolean toClient) {
        this.value = value;
        this.bytes = bytes;
        this.toServer = toServer;
        this.toClient = toClient;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        if (option instanceof FlowCounterOption o) {
            boolean server = o.direction() != FlowCounterOption.Direction.TOCLIENT;
            boolean client = o.direction() != FlowCounterOption.Direction.TOSERVER;
            rule.addMatcher(new FlowCounterMatcher(o.value(), o.keyword().equals("flow.bytes"), server, client));
            return;
        }
        UintOption u = (UintOption) option;
        String kw = u.keyword();
        boolean server = kw.endsWith("_toserver");
        rule.addMatcher(new FlowCounterMatcher(u.value(), kw.startsWith("flow.bytes"), server, !server));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Flow f = ctx.flow;
        if (f == null || ctx.pseudo) {
            return false;
        }
        if (toServer && value.matches(bytes ? f.bytesToServer : f.pktsToServer)) {
            return true;
        }
        return toClient && value.matches(bytes ? f.bytesToClient : f.pktsToClient);
    }
}
