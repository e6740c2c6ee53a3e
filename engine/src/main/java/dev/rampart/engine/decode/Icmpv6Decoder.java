package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** ICMPv6 (RFC 4443, 4861, 2710), Suricata's DecodeICMPV6: type/code classification. */
final class Icmpv6Decoder {
    static final int HEADER_LEN = 8;
    private final PacketDecoder d;

    Icmpv6Decoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.icmpv6++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.ICMPV6_PKT_TOO_SMALL);
            return;
        }
        int type = Bytes.u8(b, off);
        int code = Bytes.u8(b, off + 1);
        p.l4Offset = off;
        p.l4Length = len;
        p.icmpType = type;
        p.icmpCode = code;
        p.payloadOffset = off + HEADER_LEN;
        p.payloadLength = len - HEADER_LEN;
        switch (type) {
            case 1 -> errorMessage(p, b, off, len, code > 6);  // destination unreachable
            case 2 -> errorMessage(p, b, off, len, code != 0); // packet too big
            case 3 -> errorMessage(p, b, off, len, code > 1);  // time exceeded
            case 4 -> errorMessage(p, b, off, len, code > 3);  // parameter problem
            case 128, 129 -> { // echo request / reply
                p.icmpId = Bytes.u16(b, off + 4);
                p.icmpSeq = Bytes.u16(b, off + 6);
                unknownCodeUnless(p, code == 0);
            }
            case 130, 131, 132 -> { // MLD query, report, done: link-local only
                unknownCodeUnless(p, code == 0);
                if (p.ttl != 1) {
                    p.event(DecodeEvent.ICMPV6_MLD_MESSAGE_WITH_INVALID_HL);
                }
            }
            case 133, 134, 135, 136, 137 -> unknownCodeUnless(p, code == 0); // neighbour discovery
            case 138 -> unknownCodeUnless(p, code == 0 || code == 1 || code == 255); // router renumbering
            case 139, 140 -> unknownCodeUnless(p, code <= 2); // node information
            case 100, 101, 200, 201 -> p.event(DecodeEvent.ICMPV6_EXPERIMENTATION_TYPE);
            default -> {
                if (type >= 141 && type <= 161) {
                    unknownCodeUnless(p, code == 0);
                } else if ((type > 4 && type < 100) || (type > 101 && type < 127)
                        || (type > 161 && type < 200) || (type > 201 && type < 255)) {
                    p.event(DecodeEvent.ICMPV6_UNASSIGNED_TYPE);
                } else {
                    p.event(DecodeEvent.ICMPV6_UNKNOWN_TYPE);
                }
            }
        }
        if (d.validateChecksums() && p.ipVersion == 6) {
            p.l4ChecksumBad = !L4Checksum.valid(p, b, 58, off, len);
        }
    }

    private static void unknownCodeUnless(Packet p, boolean ok) {
        if (!ok) {
            p.event(DecodeEvent.ICMPV6_UNKNOWN_CODE);
        }
    }

    private static void errorMessage(Packet p, ByteBuffer b, int off, int len, boolean badCode) {
        if (badCode) {
            p.event(DecodeEvent.ICMPV6_UNKNOWN_CODE);
            return;
        }
        // the quoted packet is only looked at when more than its fixed header is there
        if (len > HEADER_LEN + Ipv6Decoder.HEADER_LEN && (Bytes.u8(b, off + HEADER_LEN) >>> 4) != 6) {
            p.invalidEvent(DecodeEvent.ICMPV6_IPV6_UNKNOWN_VERSION);
        }
    }
}
