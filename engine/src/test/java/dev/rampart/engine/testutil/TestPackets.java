package dev.rampart.engine.testutil;

import dev.rampart.engine.decode.Packet;
import java.nio.ByteBuffer;

/**
 * Builds Ethernet/IPv4/TCP|UDP|ICMP frames into a buffer and fills the {@link Packet} fields the
 * way the decoder would, so flow and stream tests do not depend on the decoder.
 */
public final class TestPackets {
    public static final int ETH = 14;

    private TestPackets() {
    }

    public static long ip(int a, int b, int c, int d) {
        return ((long) a << 24) | (b << 16) | (c << 8) | d;
    }

    /** A TCP packet; seq/ack are taken mod 2^32. */
    public static Packet tcp(Packet p, ByteBuffer buf, long src, int sp, long dst, int dp, int flags,
                             long seq, long ack, int window, byte[] payload, long tsNanos) {
        p.reset();
        int plen = payload == null ? 0 : payload.length;
        int l3 = ETH;
        int l4 = l3 + 20;
        int pay = l4 + 20;
        buf.clear();
        ipv4Header(buf, l3, 20 + 20 + plen, 6, src, dst);
        buf.putShort(l4, (short) sp).putShort(l4 + 2, (short) dp).putInt(l4 + 4, (int) seq)
                .putInt(l4 + 8, (int) ack).put(l4 + 12, (byte) 0x50).put(l4 + 13, (byte) flags)
                .putShort(l4 + 14, (short) window);
        if (plen > 0) {
            buf.put(pay, payload);
        }
        buf.limit(pay + plen);
        fillCommon(p, buf, pay + plen, src, dst, 6, tsNanos);
        p.l4Offset = l4;
        p.l4Length = 20 + plen;
        p.srcPort = sp;
        p.dstPort = dp;
        p.tcpSeq = seq & 0xFFFFFFFFL;
        p.tcpAck = ack & 0xFFFFFFFFL;
        p.tcpFlags = flags;
        p.tcpWindow = window;
        p.tcpHeaderLength = 20;
        p.payloadOffset = pay;
        p.payloadLength = plen;
        return p;
    }

    public static Packet udp(Packet p, ByteBuffer buf, long src, int sp, long dst, int dp, byte[] payload,
                             long tsNanos) {
        p.reset();
        int plen = payload == null ? 0 : payload.length;
        int l4 = ETH + 20;
        buf.clear();
        ipv4Header(buf, ETH, 20 + 8 + plen, 17, src, dst);
        buf.putShort(l4, (short) sp).putShort(l4 + 2, (short) dp).putShort(l4 + 4, (short) (8 + plen));
        if (plen > 0) {
            buf.put(l4 + 8, payload);
        }
        buf.limit(l4 + 8 + plen);
        fillCommon(p, buf, l4 + 8 + plen, src, dst, 17, tsNanos);
        p.l4Offset = l4;
        p.l4Length = 8 + plen;
        p.srcPort = sp;
        p.dstPort = dp;
        p.payloadOffset = l4 + 8;
        p.payloadLength = plen;
        return p;
    }

    /** An ICMPv4 query message (echo, timestamp, ...) with id and sequence. */
    public static Packet icmp(Packet p, ByteBuffer buf, long src, long dst, int type, int code, int id, long tsNanos) {
        p.reset();
        int l4 = ETH + 20;
        buf.clear();
        ipv4Header(buf, ETH, 20 + 8, 1, src, dst);
        buf.put(l4, (byte) type).put(l4 + 1, (byte) code).putShort(l4 + 4, (short) id).putShort(l4 + 6, (short) 1);
        buf.limit(l4 + 8);
        fillCommon(p, buf, l4 + 8, src, dst, 1, tsNanos);
        p.l4Offset = l4;
        p.l4Length = 8;
        p.icmpType = type;
        p.icmpCode = code;
        p.icmpId = id;
        p.icmpSeq = 1;
        p.payloadOffset = l4 + 8;
        return p;
    }

    /** ICMPv4 destination unreachable quoting an IPv4 TCP/UDP header (ports only). */
    public static Packet icmpUnreachable(Packet p, ByteBuffer buf, long src, long dst, long embSrc, int embSp,
                                         long embDst, int embDp, int embProto, long tsNanos) {
        p.reset();
        int l4 = ETH + 20;
        int emb = l4 + 8;
        buf.clear();
        ipv4Header(buf, ETH, 20 + 8 + 28, 1, src, dst);
        buf.put(l4, (byte) 3).put(l4 + 1, (byte) 3);
        ipv4Header(buf, emb, 28, embProto, embSrc, embDst);
        buf.putShort(emb + 20, (short) embSp).putShort(emb + 22, (short) embDp);
        buf.limit(emb + 28);
        fillCommon(p, buf, emb + 28, src, dst, 1, tsNanos);
        p.l4Offset = l4;
        p.l4Length = 8 + 28;
        p.icmpType = 3;
        p.icmpCode = 3;
        p.payloadOffset = emb;
        p.payloadLength = 28;
        return p;
    }

    private static void ipv4Header(ByteBuffer buf, int at, int totalLen, int proto, long src, long dst) {
        buf.put(at, (byte) 0x45).put(at + 1, (byte) 0).putShort(at + 2, (short) totalLen)
                .putShort(at + 4, (short) 1).putShort(at + 6, (short) 0).put(at + 8, (byte) 64)
                .put(at + 9, (byte) proto).putShort(at + 10, (short) 0)
                .putInt(at + 12, (int) src).putInt(at + 16, (int) dst);
    }

    private static void fillCommon(Packet p, ByteBuffer buf, int frameLen, long src, long dst, int proto, long ts) {
        p.buffer = buf;
        p.frameOffset = 0;
        p.frameLength = frameLen;
        p.originalLength = frameLen;
        p.linkType = 1;
        p.timestampNanos = ts;
        p.ipVersion = 4;
        p.l3Offset = ETH;
        p.l3HeaderLength = 20;
        p.l3Length = frameLen - ETH;
        p.srcLo = src;
        p.dstLo = dst;
        p.ttl = 64;
        p.ipProto = proto;
    }
}
