package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * ICMPv4 (RFC 792), Suricata's DecodeICMPV4: type/code checks and, for error messages, a look at
 * the quoted IPv4 header.
 */
final class Icmpv4Decoder {
    static final int HEADER_LEN = 8;
    private final PacketDecoder d;

    Icmpv4Decoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.icmpv4++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.ICMPV4_PKT_TOO_SMALL);
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
            case 0, 8, 13, 14, 15, 16, 17, 18 -> { // echo, timestamp, info, address mask
                p.icmpId = Bytes.u16(b, off + 4);
                p.icmpSeq = Bytes.u16(b, off + 6);
                if (code != 0) {
                    p.event(DecodeEvent.ICMPV4_UNKNOWN_CODE);
                }
            }
            case 3 -> errorMessage(p, b, off, len, code > 15);  // destination unreachable
            case 4 -> errorMessage(p, b, off, len, code != 0);  // source quench
            case 5 -> errorMessage(p, b, off, len, code > 3);   // redirect
            case 11 -> errorMessage(p, b, off, len, code > 1);  // time exceeded
            case 12 -> errorMessage(p, b, off, len, code != 0); // parameter problem
            default -> p.event(DecodeEvent.ICMPV4_UNKNOWN_TYPE);
        }
        if (d.validateChecksums()) {
            p.l4ChecksumBad = Checksum.compute(b, off, len) != 0;
        }
    }

    private static void errorMessage(Packet p, ByteBuffer b, int off, int len, boolean badCode) {
        if (badCode) {
            p.event(DecodeEvent.ICMPV4_UNKNOWN_CODE);
            return;
        }
        if (len <= HEADER_LEN) {
            return;
        }
        // the quoted datagram: its IPv4 header must be there and be version 4
        int quoted = off + HEADER_LEN;
        if (len - HEADER_LEN < Ipv4Decoder.HEADER_LEN) {
            p.invalidEvent(DecodeEvent.ICMPV4_IPV4_TRUNC_PKT);
        } else if ((Bytes.u8(b, quoted) >>> 4) != 4) {
            p.invalidEvent(DecodeEvent.ICMPV4_IPV4_UNKNOWN_VER);
        }
    }
}
