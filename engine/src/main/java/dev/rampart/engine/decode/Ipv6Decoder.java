package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * IPv6 header and extension headers (RFC 8200), Suricata's DecodeIPV6 / DecodeIPV6ExtHdrs:
 * hop-by-hop and destination options (option lengths checked), routing, fragment, AH; ESP and
 * "no next header" end the chain; IPv4/IPv6 inside IPv6 are decoded in place as tunnels.
 */
final class Ipv6Decoder {
    static final int HEADER_LEN = 40;

    static final int NH_HOPOPTS = 0;
    static final int NH_ICMP = 1;
    static final int NH_IPIP = 4;
    static final int NH_TCP = 6;
    static final int NH_UDP = 17;
    static final int NH_IPV6 = 41;
    static final int NH_ROUTING = 43;
    static final int NH_FRAGMENT = 44;
    static final int NH_GRE = 47;
    static final int NH_ESP = 50;
    static final int NH_SCTP = 132;
    static final int NH_AH = 51;
    static final int NH_ICMPV6 = 58;
    static final int NH_NONE = 59;
    static final int NH_DSTOPTS = 60;
    static final int NH_MH = 135;
    static final int NH_HIP = 139;
    static final int NH_SHIM6 = 140;

    private final PacketDecoder d;

    Ipv6Decoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.ipv6++;
        if (!d.enterLayer(p)) {
            return;
        }
        if (len < HEADER_LEN) {
            // Suricata 7 stops here without an event and without marking the packet invalid
            // (checked with the oracle); the event exists but is not raised by this path
            return;
        }
        int first = b.getInt(off);
        if ((first >>> 28) != 6) {
            p.invalidEvent(DecodeEvent.IPV6_WRONG_IP_VER);
            return;
        }
        int plen = Bytes.u16(b, off + 4);
        if (len < HEADER_LEN + plen) {
            p.invalidEvent(DecodeEvent.IPV6_TRUNC_PKT);
            return;
        }
        p.ipVersion = 6;
        p.l3Offset = off;
        p.l3HeaderLength = HEADER_LEN;
        p.l3Length = HEADER_LEN + plen;
        p.tos = (first >>> 20) & 0xFF;
        p.ipId = 0;
        p.ipFlags = 0;
        p.fragmentOffset = 0;
        p.fragment = false;
        p.ipv6FragHeaderOffset = 0;
        p.ipv6FragNextHeaderFieldOffset = 0;
        p.ttl = Bytes.u8(b, off + 7);
        p.srcHi = b.getLong(off + 8);
        p.srcLo = b.getLong(off + 16);
        p.dstHi = b.getLong(off + 24);
        p.dstLo = b.getLong(off + 32);
        p.payloadOffset = off + HEADER_LEN;
        p.payloadLength = plen;
        int nh = Bytes.u8(b, off + 6);
        p.ipProto = nh;
        boolean fragment = decodeChain(p, b, off, nh, off + HEADER_LEN, plen);

        if (fragment && d.defragEnabled() && d.defrag.ipv6(p, b, off, d.nowNanos)) {
            d.fragmentCompleted(p);
        }
    }

    /**
     * Walks the extension header chain from {@code pos}; {@code plen} bytes remain. Returns true
     * when it stopped at a fragment header of this IPv6 header (the rest waits for reassembly).
     */
    private boolean decodeChain(Packet p, ByteBuffer b, int ipOff, int nh, int pos, int plen) {
        boolean seenHh = false;
        boolean seenRh = false;
        boolean seenAh = false;
        int dstOpts = 0;
        int prevHeaderOff = ipOff + 6; // where the current "next header" value was read
        while (true) {
            if (nh == NH_NONE) {
                p.ipProto = NH_NONE;
                setL3End(p, ipOff, pos, plen);
                if (plen > 0) {
                    p.event(DecodeEvent.IPV6_DATA_AFTER_NONE_HEADER);
                }
                return false;
            }
            switch (nh) {
                case NH_TCP, NH_UDP, NH_ICMPV6 -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    if (nh == NH_TCP) {
                        d.tcp.decode(p, b, pos, plen);
                    } else if (nh == NH_UDP) {
                        d.udp.decode(p, b, pos, plen);
                    } else {
                        d.icmpv6.decode(p, b, pos, plen);
                    }
                    return false;
                }
                case NH_IPIP -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    ipv4InIpv6(p, b, pos, plen);
                    return false;
                }
                case NH_IPV6 -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    ipv6InIpv6(p, b, pos, plen);
                    return false;
                }
                case NH_ICMP -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    p.event(DecodeEvent.IPV6_ICMPV4);
                    return false;
                }
                case NH_ESP -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    EspDecoder.decode(d, p, pos, plen);
                    return false;
                }
                case NH_GRE -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    d.gre.decode(p, b, pos, plen);
                    return false;
                }
                case NH_SCTP -> {
                    p.ipProto = nh;
                    setL3End(p, ipOff, pos, plen);
                    SctpDecoder.decode(d, p, b, pos, plen);
                    return false;
                }
                default -> {
                    // extension headers below
                }
            }
            if (nh != NH_HOPOPTS && nh != NH_ROUTING && nh != NH_FRAGMENT && nh != NH_DSTOPTS && nh != NH_AH
                    && nh != NH_MH && nh != NH_HIP && nh != NH_SHIM6) {
                p.event(DecodeEvent.IPV6_UNKNOWN_NEXT_HEADER);
                p.ipProto = nh;
                setL3End(p, ipOff, pos, plen);
                return false;
            }
            if (plen < 2) {
                p.invalidEvent(DecodeEvent.IPV6_TRUNC_EXTHDR);
                return false;
            }
            int hdrLen;
            switch (nh) {
                case NH_ROUTING, NH_MH, NH_HIP, NH_SHIM6 -> {
                    hdrLen = 8 + (Bytes.u8(b, pos + 1) << 3);
                    if (hdrLen > plen) {
                        p.invalidEvent(DecodeEvent.IPV6_TRUNC_EXTHDR);
                        return false;
                    }
                    if (nh == NH_ROUTING) {
                        if (seenRh) {
                            p.event(DecodeEvent.IPV6_EXTHDR_DUPL_RH);
                        } else {
                            seenRh = true;
                            if (Bytes.u8(b, pos + 2) == 0) {
                                p.event(DecodeEvent.IPV6_RH_TYPE_0);
                            }
                        }
                    }
                }
                case NH_HOPOPTS, NH_DSTOPTS -> {
                    hdrLen = (Bytes.u8(b, pos + 1) + 1) << 3;
                    if (hdrLen > plen) {
                        p.invalidEvent(DecodeEvent.IPV6_TRUNC_EXTHDR);
                        return false;
                    }
                    boolean duplicate;
                    if (nh == NH_HOPOPTS) {
                        duplicate = seenHh;
                        seenHh = true;
                        if (duplicate) {
                            p.event(DecodeEvent.IPV6_EXTHDR_DUPL_HH);
                        }
                    } else {
                        // two are legal: one before the routing header and one before the upper layer
                        duplicate = dstOpts >= 2;
                        dstOpts++;
                        if (duplicate) {
                            p.event(DecodeEvent.IPV6_EXTHDR_DUPL_DH);
                        }
                    }
                    if (!duplicate) {
                        options(p, b, nh == NH_HOPOPTS, pos + 2, hdrLen - 2);
                    }
                }
                case NH_FRAGMENT -> {
                    hdrLen = 8;
                    if (hdrLen > plen) {
                        p.invalidEvent(DecodeEvent.IPV6_TRUNC_EXTHDR);
                        return false;
                    }
                    if (Bytes.u8(b, pos + 1) != 0) {
                        p.event(DecodeEvent.IPV6_FH_NON_ZERO_RESERVED_FIELD);
                    }
                    if (p.ipv6FragHeaderOffset != 0) {
                        p.event(DecodeEvent.IPV6_EXTHDR_DUPL_FH);
                        break;
                    }
                    int offM = Bytes.u16(b, pos + 2);
                    int fragOff = offM & 0xFFF8;
                    boolean more = (offM & 1) != 0;
                    p.ipv6FragHeaderOffset = pos;
                    p.ipv6FragNextHeaderFieldOffset = prevHeaderOff;
                    p.ipId = b.getInt(pos + 4);
                    p.fragmentOffset = fragOff;
                    p.ipFlags = more ? 1 : 0;
                    if (!more && fragOff == 0) {
                        // an atomic fragment: nothing to reassemble, decode on
                        p.event(DecodeEvent.IPV6_EXTHDR_USELESS_FH);
                        break;
                    }
                    // the "multiple of 8 bytes" rule is checked by the defragmenter, after the
                    // fragment is counted, as Suricata does
                    // Suricata keeps the fragment header as the packet's protocol
                    p.ipProto = NH_FRAGMENT;
                    p.fragment = true;
                    p.l3HeaderLength = pos + hdrLen - ipOff;
                    p.payloadOffset = pos + hdrLen;
                    p.payloadLength = plen - hdrLen;
                    return true;
                }
                default -> { // NH_AH
                    // the length counts 4-byte words minus 2; the fixed part is 12 bytes
                    int words = Bytes.u8(b, pos + 1);
                    hdrLen = 12 + (words > 0 ? (words - 1) << 2 : 0);
                    if (hdrLen > plen) {
                        p.invalidEvent(DecodeEvent.IPV6_TRUNC_EXTHDR);
                        return false;
                    }
                    if (Bytes.u16(b, pos + 2) != 0) {
                        p.event(DecodeEvent.IPV6_EXTHDR_AH_RES_NOT_NULL);
                    }
                    if (seenAh) {
                        p.event(DecodeEvent.IPV6_EXTHDR_DUPL_AH);
                    }
                    seenAh = true;
                }
            }
            prevHeaderOff = pos;
            nh = Bytes.u8(b, pos);
            pos += hdrLen;
            plen -= hdrLen;
        }
    }

    /** TLV options of a hop-by-hop or destination options header. */
    private static void options(Packet p, ByteBuffer b, boolean hopByHop, int off, int len) {
        int padding = 0;
        int others = 0;
        int i = 0;
        while (i < len) {
            int type = Bytes.u8(b, off + i);
            if (type == 0) { // Pad1
                padding++;
                i++;
                continue;
            }
            if (i + 1 >= len) {
                p.invalidEvent(DecodeEvent.IPV6_EXTHDR_INVALID_OPTLEN);
                break;
            }
            int olen = Bytes.u8(b, off + i + 1);
            if (i + 1 + olen > len) {
                p.invalidEvent(DecodeEvent.IPV6_EXTHDR_INVALID_OPTLEN);
                break;
            }
            if (type == 1) { // PadN
                padding++;
                if (olen == 0) {
                    p.event(DecodeEvent.IPV6_ZERO_LEN_PADN);
                }
            } else if (type == 5 || type == 0xC2 || type == 0xC9) {
                // router alert (2 bytes), jumbo payload (4), home address (16)
                int min = type == 5 ? 2 : type == 0xC2 ? 4 : 16;
                if (olen < min) {
                    p.invalidEvent(DecodeEvent.IPV6_EXTHDR_INVALID_OPTLEN);
                    break;
                }
                others++;
            } else {
                p.event(hopByHop ? DecodeEvent.IPV6_HOPOPTS_UNKNOWN_OPT : DecodeEvent.IPV6_DSTOPTS_UNKNOWN_OPT);
                others++;
            }
            i += olen + 2;
        }
        if (padding > 0 && others == 0) {
            p.event(hopByHop ? DecodeEvent.IPV6_HOPOPTS_ONLY_PADDING : DecodeEvent.IPV6_DSTOPTS_ONLY_PADDING);
        }
    }

    private static void setL3End(Packet p, int ipOff, int pos, int plen) {
        p.l3HeaderLength = pos - ipOff;
        p.payloadOffset = pos;
        p.payloadLength = plen;
    }

    private void ipv4InIpv6(Packet p, ByteBuffer b, int off, int len) {
        if (len < Ipv4Decoder.HEADER_LEN) {
            p.invalidEvent(DecodeEvent.IPV6_IPV4_IN_IPV6_TOO_SMALL);
            return;
        }
        if ((Bytes.u8(b, off) >>> 4) != 4) {
            p.event(DecodeEvent.IPV6_IPV4_IN_IPV6_WRONG_VERSION);
            return;
        }
        d.enterTunnel(p);
        d.ipv4.decode(p, b, off, len);
        if (!p.invalid) {
            // Suricata counts the tunnel once its inner packet decoded
            d.counters.ipv4InIpv6++;
        }
    }

    private void ipv6InIpv6(Packet p, ByteBuffer b, int off, int len) {
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.IPV6_IPV6_IN_IPV6_TOO_SMALL);
            return;
        }
        if ((Bytes.u8(b, off) >>> 4) != 6) {
            p.event(DecodeEvent.IPV6_IPV6_IN_IPV6_WRONG_VERSION);
            return;
        }
        d.enterTunnel(p);
        decode(p, b, off, len);
        if (!p.invalid) {
            d.counters.ipv6InIpv6++;
        }
    }
}
