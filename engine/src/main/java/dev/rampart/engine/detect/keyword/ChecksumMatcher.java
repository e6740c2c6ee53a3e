package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Checksum;
import dev.rampart.engine.decode.L4Checksum;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.PacketMatcher;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.header.ChecksumOption;

/**
 * {@code ipv4-csum}, {@code tcpv4-csum}, ... {@code icmpv6-csum}: the checksum is (in)valid. The
 * checksum is computed here, whatever {@code -k} says: the reference Suricata 7 matches
 * {@code tcpv4-csum:invalid} with {@code -k none} too. Packets of another IP version or
 * protocol, and flow-end pseudo packets, never match; nor does a UDP datagram over IPv4 with
 * a zero ("no") checksum, for either value (oracle: Suricata 7.0.10).
 */
public final class ChecksumMatcher implements PacketMatcher {
    private final int ipVersion;
    /** 0: the IPv4 header checksum; else the layer 4 protocol. */
    private final int proto;
    private final boolean valid;

    private ChecksumMatcher(int ipVersion, int proto, boolean valid) {
        this.ipVersion = ipVersion;
        this.proto = proto;
        this.valid = valid;
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        ChecksumOption o = (ChecksumOption) option;
        String kw = o.keyword();
        int version = kw.contains("v6") ? 6 : 4;
        int proto = switch (kw) {
            case "ipv4-csum" -> 0;
            case "tcpv4-csum", "tcpv6-csum" -> 6;
            case "udpv4-csum", "udpv6-csum" -> 17;
            case "icmpv4-csum" -> 1;
            default -> 58;
        };
        rule.addMatcher(new ChecksumMatcher(version, proto, o.valid()));
    }

    @Override
    public boolean matches(DetectContext ctx) {
        Packet p = ctx.packet;
        if (ctx.pseudo || p.ipVersion != ipVersion) {
            return false;
        }
        if (proto == 0) {
            return (Checksum.compute(p.buffer, p.l3Offset, p.l3HeaderLength) == 0) == valid;
        }
        if (p.ipProto != proto || p.l4Offset <= 0) {
            return false;
        }
        boolean ok;
        if (proto == 1) {
            ok = Checksum.compute(p.buffer, p.l4Offset, p.l4Length) == 0;
        } else if (proto == 17 && ipVersion == 4 && p.buffer.getShort(p.l4Offset + 6) == 0) {
            return false;
        } else {
            ok = L4Checksum.valid(p, p.buffer, proto, p.l4Offset, p.l4Length);
        }
        return ok == valid;
    }
}
