package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.decode.Packet;

/** Which ICMP messages have the identifier and sequence fields icmp_id / icmp_seq read. */
final class IcmpEcho {
    private IcmpEcho() {
    }

    static boolean hasIdSeq(Packet p) {
        if (p.l4Offset <= 0) {
            return false;
        }
        if (p.ipProto == 1) {
            return switch (p.icmpType) {
                case 0, 8, 13, 14, 15, 16, 17, 18 -> true; // echo, timestamp, info, address mask
                default -> false;
            };
        }
        return p.ipProto == 58 && (p.icmpType == 128 || p.icmpType == 129);
    }
}
