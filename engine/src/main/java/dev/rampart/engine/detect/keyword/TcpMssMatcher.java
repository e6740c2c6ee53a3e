package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;

/** {@code tcp.mss}: the MSS option value; packets without the option never match. */
public final class TcpMssMatcher implements PacketMatcher {
    private final Uint value;

    private TcpMssMatcher(Uint value) {
        this.value = value;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new TcpMssMatcher(((UintOption) option).value()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        var p = ctx.packet;
        return p.isTcp() && !ctx.pseudo && p.tcpHasMss && value.matches(p.tcpMss);
    }
}
