package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * PPP (RFC 1661), Suricata's DecodePPP: an optional HDLC address/control pair (FF 03), then a
 * one-byte (compressed, low bit set) or two-byte protocol number. IPv4, IPv6 and VJ-uncompressed
 * IPv4 are decoded; control protocols (LCP, IPCP, PAP, CHAP ...) are valid and not inspected;
 * other known protocols raise {@code ppp.unsup_proto}, unknown ones {@code ppp.wrong_type}.
 * Also the protocol switch of PPPoE session frames ({@link #decodeProtocol}).
 */
final class PppDecoder {
    static final int PPP_IP = 0x0021;
    static final int PPP_IPV6 = 0x0057;
    static final int PPP_VJ_UCOMP = 0x002F;

    private final PacketDecoder d;

    PppDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.ppp++;
        if (len < 1) {
            p.invalidEvent(DecodeEvent.PPP_PKT_TOO_SMALL);
            return;
        }
        int protoOffset = 0;
        if (Bytes.u8(b, off) == 0xFF) { // HDLC-like framing: address FF, control 03
            protoOffset = 2;
            if (len < 3) {
                p.invalidEvent(DecodeEvent.PPP_PKT_TOO_SMALL);
                return;
            }
        }
        int first = Bytes.u8(b, off + protoOffset);
        int protoSize = (first & 0x01) != 0 ? 1 : 2;
        if (len < protoOffset + protoSize) {
            p.invalidEvent(DecodeEvent.PPP_PKT_TOO_SMALL);
            return;
        }
        if (!d.enterLayer(p)) {
            return;
        }
        int dataOffset = protoOffset + protoSize;
        if (protoSize == 1) {
            decodeCompressed(p, b, off, len, first, dataOffset);
        } else {
            int proto = Bytes.u16(b, off + protoOffset);
            decodeUncompressed(p, b, off + dataOffset, len - dataOffset, proto);
        }
    }

    /** One-byte protocol field: only IPv4, IPv6 and VJ-uncompressed are recognised. */
    private void decodeCompressed(Packet p, ByteBuffer b, int off, int len, int proto, int dataOffset) {
        int data = off + dataOffset;
        int dataLen = len - dataOffset;
        switch (proto) {
            case PPP_IP -> {
                if (dataLen < Ipv4Decoder.HEADER_LEN) {
                    p.invalidEvent(DecodeEvent.PPPVJU_PKT_TOO_SMALL); // sic: Suricata's event here
                    return;
                }
                d.ipv4.decode(p, b, data, dataLen);
            }
            case PPP_IPV6 -> {
                if (dataLen < Ipv6Decoder.HEADER_LEN) {
                    p.invalidEvent(DecodeEvent.PPPIPV6_PKT_TOO_SMALL);
                    return;
                }
                d.ipv6.decode(p, b, data, dataLen);
            }
            case PPP_VJ_UCOMP -> decodeVjUncompressed(p, b, data, dataLen);
            default -> p.event(DecodeEvent.PPP_UNSUP_PROTO);
        }
    }

    private void decodeUncompressed(Packet p, ByteBuffer b, int data, int dataLen, int proto) {
        switch (proto) {
            case PPP_VJ_UCOMP -> decodeVjUncompressed(p, b, data, dataLen);
            case PPP_IP -> decodeIpv4(p, b, data, dataLen);
            case PPP_IPV6 -> decodeIpv6(p, b, data, dataLen);
            // control and compression protocols: valid in PPP, not inspected
            case 0x8021, 0x8057, 0xC021, 0xC023, 0xC223, 0x80FD, 0xC025, 0xC029, 0x00FD, 0x8207 -> {
            }
            default -> {
                if (isUnsupported(proto)) {
                    p.event(DecodeEvent.PPP_UNSUP_PROTO);
                } else {
                    p.invalidEvent(DecodeEvent.PPP_WRONG_TYPE);
                }
            }
        }
    }

    private void decodeIpv4(Packet p, ByteBuffer b, int data, int dataLen) {
        if (dataLen < Ipv4Decoder.HEADER_LEN) {
            p.invalidEvent(DecodeEvent.PPPIPV4_PKT_TOO_SMALL);
            return;
        }
        d.ipv4.decode(p, b, data, dataLen);
    }

    private void decodeIpv6(Packet p, ByteBuffer b, int data, int dataLen) {
        if (dataLen < Ipv6Decoder.HEADER_LEN) {
            p.invalidEvent(DecodeEvent.PPPIPV6_PKT_TOO_SMALL);
            return;
        }
        d.ipv6.decode(p, b, data, dataLen);
    }

    private void decodeVjUncompressed(Packet p, ByteBuffer b, int data, int dataLen) {
        if (dataLen < Ipv4Decoder.HEADER_LEN) {
            p.invalidEvent(DecodeEvent.PPPVJU_PKT_TOO_SMALL);
            return;
        }
        if ((Bytes.u8(b, data) >>> 4) == 4) {
            d.ipv4.decode(p, b, data, dataLen);
        }
    }

    /**
     * The protocol switch of a PPPoE session frame (Suricata's DecodePPPOESession, which has its
     * own list): every known non-IP protocol, control protocols included, is {@code unsup_proto}.
     */
    void decodeProtocol(Packet p, ByteBuffer b, int data, int dataLen, int proto) {
        switch (proto) {
            case PPP_VJ_UCOMP -> decodeVjUncompressed(p, b, data, dataLen);
            case PPP_IP -> decodeIpv4(p, b, data, dataLen);
            case PPP_IPV6 -> decodeIpv6(p, b, data, dataLen);
            case 0x8021, 0x8057, 0xC021, 0xC023, 0xC223, 0xC025 -> p.event(DecodeEvent.PPP_UNSUP_PROTO);
            default -> {
                if (isUnsupported(proto)) {
                    p.event(DecodeEvent.PPP_UNSUP_PROTO);
                } else {
                    p.invalidEvent(DecodeEvent.PPP_WRONG_TYPE);
                }
            }
        }
    }

    /** Known PPP protocols Suricata does not decode (VJ compressed, IPX, OSI, DECnet, MPLS ...). */
    private static boolean isUnsupported(int proto) {
        return switch (proto) {
            case 0x002D, 0x002B, 0x0023, 0x0025, 0x0027, 0x0029, 0x0031, 0x0033, 0x0035, // VJ comp .. Vines
                 0x0201, 0x0231, 0x0233, 0x0281, 0x0283,                                 // Hello .. MPLS
                 0x8023, 0x8025, 0x8027, 0x8029, 0x802B, 0x8033, 0x8035, 0x8281 -> true; // control protocols
            default -> false;
        };
    }
}
