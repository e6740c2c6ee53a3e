package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.header.FragoffsetOption;

/**
 * {@code fragoffset}: as Suricata, the IPv4 offset field in 8-byte units, but the IPv6 fragment
 * header's offset in bytes (its low 3 bits masked); IPv6 packets without a fragment header never
 * match.
 */
public final class FragoffsetMatcher implements PacketMatcher {
    private final Uint value;

    private FragoffsetMatcher(FragoffsetOption o) {
        this.value = new Uint(o.mode(), o.offset(), o.offset());
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.requirePacket();
        rule.addMatcher(new FragoffsetMatcher((FragoffsetOption) option));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Packet p = ctx.packet;
        if (ctx.pseudo) {
            return false;
        }
        if (p.ipVersion == 4) {
            return value.matches(p.fragmentOffset >>> 3);
        }
        if (p.ipVersion == 6 && p.ipv6FragHeaderOffset != 0) {
            return value.matches(p.fragmentOffset);
        }
        return false;
    }
}
