package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.TcpFlagsOption;

/**
 * {@code tcp.flags} / {@code flags}: TCP flags with the modifiers and ignore mask (the option
 * holds Suricata's comparison); TCP packets only, not flow-end pseudo packets. The flag classes
 * the rule names also go into Suricata's signature mask ({@link #classGate}), which the rule
 * compiler applies to rules without a fast pattern.
 */
public final class TcpFlagsMatcher implements PacketMatcher {
    /** Signature mask class: the rule names SYN, FIN or RST (Suricata's SIG_MASK_REQUIRE_FLAGS_INITDEINIT). */
    public static final int CLASS_INIT_DEINIT = 0x07;
    /** Signature mask class: the rule names URG, ECE or CWR (SIG_MASK_REQUIRE_FLAGS_UNUSUAL). */
    public static final int CLASS_UNUSUAL = 0xE0;

    private final TcpFlagsOption option;

    private TcpFlagsMatcher(TcpFlagsOption option) {
        this.option = option;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        TcpFlagsOption o = (TcpFlagsOption) option;
        rule.addMatcher(new TcpFlagsMatcher(o));
        // as Suricata's flags keyword: the rule's payload is the packet's (SIG_FLAG_REQUIRE_PACKET)
        rule.requirePacket();
        // whatever the modifier: flags:*SA never sees a plain ACK, flags:!S only SYN/FIN/RST packets
        int classes = 0;
        if ((o.flags() & CLASS_INIT_DEINIT) != 0) {
            classes |= CLASS_INIT_DEINIT;
        }
        if ((o.flags() & CLASS_UNUSUAL) != 0) {
            classes |= CLASS_UNUSUAL;
        }
        rule.requireTcpFlagClasses(classes);
    }

    /** The packet has a flag of every class in {@code classes} (the signature mask check). */
    public static PacketMatcher classGate(int classes) {
        return ctx -> {
            int f = ctx.packet.tcpFlags;
            return ctx.packet.isTcp()
                    && ((classes & CLASS_INIT_DEINIT) == 0 || (f & CLASS_INIT_DEINIT) != 0)
                    && ((classes & CLASS_UNUSUAL) == 0 || (f & CLASS_UNUSUAL) != 0);
        };
    }

    @Override
    public boolean matches(DetectContext ctx) {
        return ctx.packet.isTcp() && !ctx.pseudo && option.matches(ctx.packet.tcpFlags);
    }
}
