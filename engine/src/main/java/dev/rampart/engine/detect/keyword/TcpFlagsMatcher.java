package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.TcpFlagsOption;

/**
 * {@code tcp.flags} / {@code flags}: TCP flags with the modifiers and ignore mask (the option
 * holds Suricata's comparison); TCP packets only, not flow-end pseudo packets.
 */
public final class TcpFlagsMatcher implements PacketMatcher {
    private final TcpFlagsOption option;

    private TcpFlagsMatcher(TcpFlagsOption option) {
        this.option = option;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addMatcher(new TcpFlagsMatcher((TcpFlagsOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.isTcp() && !ctx.pseudo && option.matches(ctx.packet.tcpFlags);
    }
}
