package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * GRE (RFC 1701/2784/2890; version 1 = PPTP, RFC 2637), Suricata's DecodeGRE. Version 0 payloads
 * IPv4, IPv6, transparent Ethernet bridging (0x6558), 802.1Q and ERSPAN are decoded in place as a
 * tunnel, and so is PPP (PPTP's version 1, unless its payload length is zero).
 */
final class GreDecoder {
    static final int HEADER_LEN = 4;

    private final PacketDecoder d;

    GreDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.gre++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.GRE_PKT_TOO_SMALL);
            return;
        }
        if (!d.enterLayer(p)) {
            return;
        }
        int flags = Bytes.u8(b, off);
        int flags2 = Bytes.u8(b, off + 1);
        int version = flags2 & 0x07;
        int proto = Bytes.u16(b, off + 2);
        boolean checksum = (flags & 0x80) != 0;
        boolean routing = (flags & 0x40) != 0;
        boolean key = (flags & 0x20) != 0;
        boolean seq = (flags & 0x10) != 0;
        boolean strictRoute = (flags & 0x08) != 0;
        int recursion = flags & 0x07;
        int hlen = HEADER_LEN;
        if (version == 0) {
            if (recursion != 0) {
                p.invalidEvent(DecodeEvent.GRE_VERSION0_RECUR);
                return;
            }
            if ((flags2 & 0xF8) != 0) {
                p.invalidEvent(DecodeEvent.GRE_VERSION0_FLAGS);
                return;
            }
            if (key) {
                hlen += 4;
            }
            if (seq) {
                hlen += 4;
            }
            if (checksum || routing) {
                hlen += 4; // checksum + offset
            }
            if (hlen > len) {
                p.invalidEvent(DecodeEvent.GRE_VERSION0_HDR_TOO_BIG);
                return;
            }
            if (routing) {
                // source route entries: 2 bytes family, 1 offset, 1 length; ends with family 0 length 0
                while (true) {
                    if (hlen + 4 > len) {
                        p.invalidEvent(DecodeEvent.GRE_VERSION0_MALFORMED_SRE_HDR);
                        return;
                    }
                    int af = Bytes.u16(b, off + hlen);
                    int sreLen = Bytes.u8(b, off + hlen + 3);
                    hlen += 4;
                    if (af == 0 && sreLen == 0) {
                        break;
                    }
                    hlen += sreLen;
                    if (hlen > len) {
                        p.invalidEvent(DecodeEvent.GRE_VERSION0_MALFORMED_SRE_HDR);
                        return;
                    }
                }
            }
        } else if (version == 1) {
            if (checksum) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_CHKSUM);
                return;
            }
            if (routing) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_ROUTE);
                return;
            }
            if (strictRoute) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_SSR);
                return;
            }
            if (recursion != 0) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_RECUR);
                return;
            }
            if ((flags2 & 0x78) != 0) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_FLAGS);
                return;
            }
            if (proto != 0x880B) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_WRONG_PROTOCOL);
                return;
            }
            if (!key) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_NO_KEY);
                return;
            }
            hlen += 4;
            if (seq) {
                hlen += 4;
            }
            if ((flags2 & 0x80) != 0) { // acknowledgment number present
                hlen += 4;
            }
            if (hlen > len) {
                p.invalidEvent(DecodeEvent.GRE_VERSION1_HDR_TOO_BIG);
                return;
            }
        } else {
            p.invalidEvent(DecodeEvent.GRE_WRONG_VERSION);
            return;
        }
        p.l4Offset = off;
        p.l4Length = len;
        p.payloadOffset = off + hlen;
        p.payloadLength = len - hlen;

        int inner = off + hlen;
        int innerLen = len - hlen;
        switch (proto) {
            case 0x0800 -> {
                d.enterTunnel(p);
                d.ipv4.decode(p, b, inner, innerLen);
            }
            case 0x86DD -> {
                d.enterTunnel(p);
                d.ipv6.decode(p, b, inner, innerLen);
            }
            case 0x6558 -> { // transparent Ethernet bridging
                d.enterTunnel(p);
                d.ethernet.decode(p, b, inner, innerLen);
            }
            case 0x8100 -> {
                d.enterTunnel(p);
                d.decodeEtherType(p, b, 0x8100, inner, innerLen);
            }
            case 0x88BE -> { // ERSPAN: type II carries a sequence number in GRE, type I does not
                d.enterTunnel(p);
                if (seq) {
                    d.erspan.decodeTypeII(p, b, inner, innerLen);
                } else {
                    d.erspan.decodeTypeI(p, b, inner, innerLen);
                }
            }
            case 0x880B -> {
                if (version == 1 && Bytes.u16(b, off + 4) == 0) {
                    return; // PPTP packet without payload (acknowledgement only)
                }
                d.enterTunnel(p);
                d.ppp.decode(p, b, inner, innerLen);
            }
            default -> {
                // ARP, WCCP ...: not decoded further
            }
        }
    }
}
