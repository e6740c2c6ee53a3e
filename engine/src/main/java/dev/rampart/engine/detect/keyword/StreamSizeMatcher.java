package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.stream.TcpSession;
import dev.rampart.engine.stream.TcpStream;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.flow.StreamSizeOption;

/**
 * {@code stream_size}: per side, the next expected sequence number minus the initial one (u32
 * arithmetic, as Suricata: the SYN counts one) compared with the value; {@code both} needs both
 * sides, {@code either} one. TCP packets of a tracked session only.
 */
public final class StreamSizeMatcher implements PacketMatcher {
    private final StreamSizeOption.Side side;
    private final Uint value;

    private StreamSizeMatcher(StreamSizeOption o) {
        this.side = o.side();
        this.value = o.value();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addMatcher(new StreamSizeMatcher((StreamSizeOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (!ctx.packet.isTcp() || ctx.flow == null || !(ctx.flow.protoState instanceof TcpSession s)) {
            return false;
        }
        return switch (side) {
            case SERVER -> value.matches(size(s.server));
            case CLIENT -> value.matches(size(s.client));
            case BOTH -> value.matches(size(s.server)) && value.matches(size(s.client));
            case EITHER -> value.matches(size(s.server)) || value.matches(size(s.client));
        };
    }

    private static long size(TcpStream st) {
        return (st.nextSeq - st.isn) & 0xFFFF_FFFFL;
    }
}
