package dev.rampart.engine.conformance;

import dev.rampart.engine.decode.Packet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Test-only decoder (Ethernet/VLAN/SLL/raw, IPv4, IPv6, TCP, UDP, ICMP) just good enough to drive
 * the flow and stream stages over real captures; the real decoder is another module's work.
 * Packets it cannot represent faithfully (fragments, tunnels) are flagged so that a capture
 * containing them can be left out of counter comparisons.
 */
final class MiniDecoder {
    boolean sawFragment;
    boolean sawTunnel;

    /** Fills {@code p} from a frame; returns false when there is no usable IP layer. */
    boolean decode(Packet p, ByteBuffer buf, int len, int linkType) {
        buf.order(ByteOrder.BIG_ENDIAN);
        p.buffer = buf;
        p.frameOffset = 0;
        p.frameLength = len;
        p.originalLength = len;
        p.linkType = linkType;
        int off;
        int etherType;
        switch (linkType) {
            case 1: {
                if (len < 14) {
                    return false;
                }
                etherType = buf.getShort(12) & 0xFFFF;
                off = 14;
                while ((etherType == 0x8100 || etherType == 0x88a8) && off + 4 <= len) {
                    if (p.vlanCount < 2) {
                        p.vlanIds[p.vlanCount] = buf.getShort(off) & 0x0FFF;
                    }
                    p.vlanCount++;
                    etherType = buf.getShort(off + 2) & 0xFFFF;
                    off += 4;
                }
                break;
            }
            case 113: {
                if (len < 16) {
                    return false;
                }
                etherType = buf.getShort(14) & 0xFFFF;
                off = 16;
                break;
            }
            case 0: {
                if (len < 4) {
                    return false;
                }
                int fam = buf.get(0) == 2 || buf.get(3) == 2 ? 2 : 24;
                etherType = fam == 2 ? 0x0800 : 0x86DD;
                off = 4;
                break;
            }
            case 12:
            case 101:
            case 228:
            case 229: {
                if (len < 1) {
                    return false;
                }
                etherType = ((buf.get(0) & 0xF0) == 0x60) ? 0x86DD : 0x0800;
                off = 0;
                break;
            }
            default:
                return false;
        }
        if (p.vlanCount > 2) {
            p.vlanCount = 2;
        }
        if (etherType == 0x0800) {
            return ipv4(p, buf, off, len);
        }
        if (etherType == 0x86DD) {
            return ipv6(p, buf, off, len);
        }
        return false;
    }

    private boolean ipv4(Packet p, ByteBuffer b, int off, int len) {
        if (off + 20 > len || (b.get(off) & 0xF0) != 0x40) {
            return false;
        }
        int hl = (b.get(off) & 0x0F) * 4;
        int total = b.getShort(off + 2) & 0xFFFF;
        if (hl < 20 || total < hl) {
            return false;
        }
        int end = Math.min(len, off + total);
        int fragField = b.getShort(off + 6) & 0xFFFF;
        p.ipVersion = 4;
        p.l3Offset = off;
        p.l3HeaderLength = hl;
        p.l3Length = end - off;
        p.srcLo = b.getInt(off + 12) & 0xFFFFFFFFL;
        p.dstLo = b.getInt(off + 16) & 0xFFFFFFFFL;
        p.ttl = b.get(off + 8) & 0xFF;
        p.ipProto = b.get(off + 9) & 0xFF;
        if ((fragField & 0x3FFF) != 0) {
            sawFragment = true;
            p.fragment = true;
            return false;
        }
        return l4(p, b, off + hl, end);
    }

    private boolean ipv6(Packet p, ByteBuffer b, int off, int len) {
        if (off + 40 > len || (b.get(off) & 0xF0) != 0x60) {
            return false;
        }
        int plen = b.getShort(off + 4) & 0xFFFF;
        int end = Math.min(len, off + 40 + plen);
        p.ipVersion = 6;
        p.l3Offset = off;
        p.srcHi = b.getLong(off + 8);
        p.srcLo = b.getLong(off + 16);
        p.dstHi = b.getLong(off + 24);
        p.dstLo = b.getLong(off + 32);
        int next = b.get(off + 6) & 0xFF;
        int pos = off + 40;
        while (next == 0 || next == 43 || next == 60 || next == 44) {
            if (next == 44) {
                sawFragment = true;
                p.fragment = true;
                return false;
            }
            if (pos + 8 > end) {
                return false;
            }
            next = b.get(pos) & 0xFF;
            pos += ((b.get(pos + 1) & 0xFF) + 1) * 8;
        }
        p.l3HeaderLength = pos - off;
        p.l3Length = end - off;
        p.ipProto = next;
        return l4(p, b, pos, end);
    }

    private boolean l4(Packet p, ByteBuffer b, int off, int end) {
        switch (p.ipProto) {
            case 6: {
                if (off + 20 > end) {
                    return true;
                }
                int hl = ((b.get(off + 12) & 0xF0) >> 4) * 4;
                if (hl < 20 || off + hl > end) {
                    return true;
                }
                p.l4Offset = off;
                p.l4Length = end - off;
                p.srcPort = b.getShort(off) & 0xFFFF;
                p.dstPort = b.getShort(off + 2) & 0xFFFF;
                p.tcpSeq = b.getInt(off + 4) & 0xFFFFFFFFL;
                p.tcpAck = b.getInt(off + 8) & 0xFFFFFFFFL;
                p.tcpFlags = b.get(off + 13) & 0xFF;
                p.tcpWindow = b.getShort(off + 14) & 0xFFFF;
                p.tcpHeaderLength = hl;
                for (int o = off + 20; o < off + hl; ) {
                    int kind = b.get(o) & 0xFF;
                    if (kind == 0) {
                        break;
                    }
                    if (kind == 1) {
                        o++;
                        continue;
                    }
                    if (o + 1 >= off + hl) {
                        break;
                    }
                    int olen = b.get(o + 1) & 0xFF;
                    if (olen < 2 || o + olen > off + hl) {
                        break;
                    }
                    if (kind == 2 && olen == 4) {
                        p.tcpMss = b.getShort(o + 2) & 0xFFFF;
                    } else if (kind == 3 && olen == 3) {
                        p.tcpWscale = Math.min(14, b.get(o + 2) & 0xFF);
                    } else if (kind == 4) {
                        p.tcpSackPermitted = true;
                    } else if (kind == 8 && olen == 10) {
                        p.tcpHasTimestamp = true;
                        p.tcpTsVal = b.getInt(o + 2) & 0xFFFFFFFFL;
                        p.tcpTsEcr = b.getInt(o + 6) & 0xFFFFFFFFL;
                    }
                    o += olen;
                }
                p.payloadOffset = off + hl;
                p.payloadLength = end - (off + hl);
                return true;
            }
            case 17: {
                if (off + 8 > end) {
                    return true;
                }
                p.l4Offset = off;
                p.l4Length = end - off;
                p.srcPort = b.getShort(off) & 0xFFFF;
                p.dstPort = b.getShort(off + 2) & 0xFFFF;
                p.payloadOffset = off + 8;
                p.payloadLength = end - off - 8;
                if (p.srcPort == 4789 || p.dstPort == 4789 || p.srcPort == 3544 || p.dstPort == 3544
                        || p.dstPort == 2152 || p.dstPort == 6081 || p.dstPort == 4789) {
                    sawTunnel = true;
                }
                return true;
            }
            case 1:
            case 58: {
                if (off + 8 > end) {
                    return true;
                }
                p.l4Offset = off;
                p.l4Length = end - off;
                p.icmpType = b.get(off) & 0xFF;
                p.icmpCode = b.get(off + 1) & 0xFF;
                p.icmpId = b.getShort(off + 4) & 0xFFFF;
                p.icmpSeq = b.getShort(off + 6) & 0xFFFF;
                p.payloadOffset = off + 8;
                p.payloadLength = end - off - 8;
                return true;
            }
            case 4:
            case 41:
            case 47:
            case 50:
                sawTunnel = true;
                return true;
            default:
                return true;
        }
    }
}
