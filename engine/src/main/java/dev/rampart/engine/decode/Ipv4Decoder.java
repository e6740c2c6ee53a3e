package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * IPv4 header and options (RFC 791), Suricata's DecodeIPV4. Header errors make the packet
 * invalid and stop decoding; option anomalies are events (some of them invalid, as Suricata's).
 */
final class Ipv4Decoder {
    static final int HEADER_LEN = 20;

    static final int OPT_EOL = 0;
    static final int OPT_NOP = 1;
    static final int OPT_RR = 7;
    static final int OPT_QS = 25;
    static final int OPT_TS = 68;
    static final int OPT_SEC = 130;
    static final int OPT_LSRR = 131;
    static final int OPT_CIPSO = 134;
    static final int OPT_SID = 136;
    static final int OPT_SSRR = 137;
    static final int OPT_RTRALT = 148;


    private final PacketDecoder d;
    /** The fixed header of the packet being decoded, copied out of the frame in one read. */
    private final byte[] h = new byte[HEADER_LEN];

    Ipv4Decoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.ipv4++;
        if (!d.enterLayer(p)) {
            return;
        }
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.IPV4_PKT_TOO_SMALL);
            return;
        }
        final byte[] h = this.h;
        b.get(off, h, 0, HEADER_LEN);
        int verHl = Bytes.u8(h, 0);
        if ((verHl >>> 4) != 4) {
            p.invalidEvent(DecodeEvent.IPV4_WRONG_IP_VER);
            return;
        }
        int hlen = (verHl & 0x0F) << 2;
        if (hlen < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.IPV4_HLEN_TOO_SMALL);
            return;
        }
        int ipLen = Bytes.u16(h, 2);
        if (ipLen < hlen) {
            p.invalidEvent(DecodeEvent.IPV4_IPLEN_SMALLER_THAN_HLEN);
            return;
        }
        if (len < ipLen) {
            p.invalidEvent(DecodeEvent.IPV4_TRUNC_PKT);
            return;
        }
        p.ipv4Options = 0;
        if (hlen > HEADER_LEN && !decodeOptions(p, b, off + HEADER_LEN, hlen - HEADER_LEN)) {
            return;
        }
        int proto = Bytes.u8(h, 9);
        int flagsOffset = Bytes.u16(h, 6);
        p.ipVersion = 4;
        p.l3Offset = off;
        p.l3HeaderLength = hlen;
        p.l3Length = ipLen;
        p.tos = Bytes.u8(h, 1);
        p.ipId = Bytes.u16(h, 4);
        p.ipFlags = flagsOffset >>> 13;
        p.fragmentOffset = (flagsOffset & 0x1FFF) << 3;
        p.fragment = p.fragmentOffset != 0 || (flagsOffset & 0x2000) != 0;
        p.ttl = Bytes.u8(h, 8);
        p.ipProto = proto;
        p.srcHi = 0;
        p.srcLo = Bytes.u32(h, 12);
        p.dstHi = 0;
        p.dstLo = Bytes.u32(h, 16);
        p.payloadOffset = off + hlen;
        p.payloadLength = ipLen - hlen;
        if (d.validateChecksums()) {
            p.ipChecksumBad = Checksum.compute(b, off, hlen) != 0;
        }

        if (p.fragment) {
            // the L4 header is decoded once the datagram is rebuilt
            if (d.defragEnabled() && d.defrag.ipv4(p, b, off, hlen, ipLen, d.nowNanos)) {
                d.fragmentCompleted(p);
            }
            return;
        }

        int l4 = off + hlen;
        int l4Len = ipLen - hlen;
        switch (proto) {
            case 6 -> d.tcp.decode(p, b, l4, l4Len);
            case 17 -> d.udp.decode(p, b, l4, l4Len);
            case 1 -> d.icmpv4.decode(p, b, l4, l4Len);
            case 47 -> d.gre.decode(p, b, l4, l4Len);
            case 50 -> EspDecoder.decode(d, p, l4, l4Len);
            case 132 -> SctpDecoder.decode(d, p, b, l4, l4Len);
            case 4 -> {
                if (d.ipv4InIpv4) {
                    d.enterTunnel(p);
                    decode(p, b, l4, l4Len);
                }
            }
            case 41 -> { // Suricata gives the outer IPv4 packet a flow of its own (protocol 41)
                d.enterTunnel(p);
                d.ipv6.decode(p, b, l4, l4Len);
            }
            case 58 -> p.invalidEvent(DecodeEvent.IPV4_ICMPV6);
            default -> {
                // other protocols: the payload is everything after the IP header
            }
        }
    }

    /**
     * Walks the options (Suricata's DecodeIPV4Options). Returns false when a length makes the rest
     * of the header unparseable (the packet is then invalid).
     */
    private boolean decodeOptions(Packet p, ByteBuffer b, int off, int len) {
        if ((len & 7) != 0) {
            // options are expected to be padded to 8 bytes; a warning only
            p.event(DecodeEvent.IPV4_OPT_PAD_REQUIRED);
        }
        int seen = 0; // bit per validated option kind, for duplicates
        int i = off;
        int plen = len;
        while (plen > 0) {
            int type = Bytes.u8(b, i);
            if (type == OPT_EOL) {
                p.ipv4Options |= Packet.IPV4_OPT_EOL;
                break;
            }
            if (type == OPT_NOP) {
                p.ipv4Options |= Packet.IPV4_OPT_NOP;
                i++;
                plen--;
                continue;
            }
            if (plen < 2) {
                p.event(DecodeEvent.IPV4_OPT_EOL_REQUIRED);
                break;
            }
            int olen = Bytes.u8(b, i + 1);
            if (olen > plen || olen < 2) {
                p.invalidEvent(DecodeEvent.IPV4_OPT_INVALID_LEN);
                return false;
            }
            int bit = bitOf(type);
            if (bit == 0) {
                p.event(DecodeEvent.IPV4_OPT_INVALID);
            } else if ((seen & bit) != 0) {
                p.event(DecodeEvent.IPV4_OPT_DUPLICATE);
            } else if (validate(p, b, type, i, olen)) {
                seen |= bit;
                p.ipv4Options |= bit;
            }
            i += olen;
            plen -= olen;
        }
        return true;
    }

    private static int bitOf(int type) {
        return switch (type) {
            case OPT_RR -> Packet.IPV4_OPT_RR;
            case OPT_QS -> Packet.IPV4_OPT_QS;
            case OPT_TS -> Packet.IPV4_OPT_TS;
            case OPT_SEC -> Packet.IPV4_OPT_SEC;
            case OPT_LSRR -> Packet.IPV4_OPT_LSRR;
            case OPT_CIPSO -> Packet.IPV4_OPT_CIPSO;
            case OPT_SID -> Packet.IPV4_OPT_SID;
            case OPT_SSRR -> Packet.IPV4_OPT_SSRR;
            case OPT_RTRALT -> Packet.IPV4_OPT_RTRALT;
            default -> 0;
        };
    }

    /** Per-option checks (RFC 791, 781, 1108, 2113, 4782, CIPSO draft); false on an invalid event. */
    private static boolean validate(Packet p, ByteBuffer b, int type, int i, int olen) {
        switch (type) {
            case OPT_QS:
                return expect(p, olen >= 8);
            case OPT_SEC:
                // RFC 1108 sets 11 bytes, but Suricata 7 accepts shorter ones (oracle: len 4 is fine)
                return expect(p, olen >= 3);
            case OPT_SID:
            case OPT_RTRALT:
                return expect(p, olen == 4);
            case OPT_RR:
            case OPT_LSRR:
            case OPT_SSRR: {
                if (olen < 3) {
                    return expect(p, false);
                }
                // 1-based pointer after type+len+ptr, 4-byte steps, at most one past the end
                int ptr = Bytes.u8(b, i + 2);
                return malformedUnless(p, ptr >= 4 && (ptr & 3) == 0 && ptr <= olen + 1);
            }
            case OPT_TS: {
                if (olen < 5) {
                    return expect(p, false);
                }
                int ptr = Bytes.u8(b, i + 2);
                if (ptr < 5) {
                    return malformedUnless(p, false);
                }
                int flag = Bytes.u8(b, i + 3) & 0x0F;
                int rec = (flag == 1 || flag == 3) ? 8 : 4;
                return malformedUnless(p, (ptr - 5) % rec == 0 && ptr <= olen + 1);
            }
            case OPT_CIPSO:
                return validateCipso(p, b, i, olen);
            default:
                return true;
        }
    }

    private static boolean validateCipso(Packet p, ByteBuffer b, int i, int olen) {
        if (olen < 10) {
            return expect(p, false);
        }
        int tag = i + 6; // type, len, 4-byte DOI
        int left = olen - 6;
        while (left > 0) {
            if (left < 2) {
                return malformedUnless(p, false);
            }
            int ttype = Bytes.u8(b, tag);
            int tlen = Bytes.u8(b, tag + 1);
            if (tlen > left) {
                return malformedUnless(p, false);
            }
            switch (ttype) {
                case 1, 2, 5, 6, 7 -> {
                    if (tlen < 4) {
                        return malformedUnless(p, false);
                    }
                    // alignment octet must be zero, except for tag type 7
                    if (ttype != 7 && Bytes.u8(b, tag + 2) != 0) {
                        return malformedUnless(p, false);
                    }
                    tag += tlen;
                    left -= tlen;
                }
                default -> {
                    return malformedUnless(p, false);
                }
            }
        }
        return true;
    }

    private static boolean expect(Packet p, boolean ok) {
        if (!ok) {
            p.invalidEvent(DecodeEvent.IPV4_OPT_INVALID_LEN);
        }
        return ok;
    }

    private static boolean malformedUnless(Packet p, boolean ok) {
        if (!ok) {
            p.invalidEvent(DecodeEvent.IPV4_OPT_MALFORMED);
        }
        return ok;
    }
}
