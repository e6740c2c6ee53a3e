package dev.rampart.perf.gen;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a classic pcap file (little-endian, microsecond timestamps, Ethernet) whose frames are
 * built in place in one staging buffer: the caller puts the payload at {@link #tcpPayloadAt} /
 * {@link #udpPayloadAt}, then the headers and checksums are filled around it. No per-frame
 * allocation, so half a gigabyte is written in a few seconds.
 */
final class FrameWriter implements Closeable {
    static final int SNAPLEN = 262144;
    static final int RECORD_HEADER = 16;
    static final int ETH = 14;
    static final int IP = 20;
    static final int TCP = 20;
    static final int UDP = 8;
    static final int ICMP = 8;
    /** Largest frame we build: Ethernet + IPv4 + TCP with 40 bytes of options + a 64 KiB payload. */
    private static final int MAX_RECORD = RECORD_HEADER + ETH + IP + TCP + 40 + 65535;

    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;

    private final OutputStream out;
    private final byte[] buf = new byte[8 << 20];
    private int pos;
    private long packets;
    private long bytes;

    FrameWriter(OutputStream out) throws IOException {
        this.out = out;
        putIntLe(0, 0xa1b2c3d4);
        putShortLe(4, 2);
        putShortLe(6, 4);
        putIntLe(8, 0); // thiszone
        putIntLe(12, 0); // sigfigs
        putIntLe(16, SNAPLEN);
        putIntLe(20, 1); // LINKTYPE_ETHERNET
        pos = 24;
        bytes = 24;
    }

    /** The staging buffer the payload is written into. */
    byte[] buffer() {
        return buf;
    }

    /** Where the payload of the next TCP frame goes (options of {@code optionsLength} bytes before it). */
    int tcpPayloadAt(int optionsLength) {
        ensureRoom();
        return pos + RECORD_HEADER + ETH + IP + TCP + optionsLength;
    }

    int udpPayloadAt() {
        ensureRoom();
        return pos + RECORD_HEADER + ETH + IP + UDP;
    }

    int icmpPayloadAt() {
        ensureRoom();
        return pos + RECORD_HEADER + ETH + IP + ICMP;
    }

    /**
     * Completes a TCP frame whose payload of {@code payloadLength} bytes is already at {@link #tcpPayloadAt}
     * (called just before; with no payload it need not be).
     */
    void tcp(long tsMicros, Peer src, Peer dst, int ipId, int srcPort, int dstPort, long seq, long ack, int flags,
            int window, byte[] options, int payloadLength) {
        if (payloadLength == 0) {
            ensureRoom();
        }
        int optLen = options.length;
        int seg = pos + RECORD_HEADER + ETH + IP;
        int segLen = TCP + optLen + payloadLength;
        putShort(seg, srcPort);
        putShort(seg + 2, dstPort);
        putInt(seg + 4, seq);
        putInt(seg + 8, ack);
        buf[seg + 12] = (byte) (((TCP + optLen) / 4) << 4);
        buf[seg + 13] = (byte) flags;
        putShort(seg + 14, window);
        putShort(seg + 16, 0);
        putShort(seg + 18, 0);
        System.arraycopy(options, 0, buf, seg + TCP, optLen);
        putShort(seg + 16, transportChecksum(src.ip, dst.ip, PROTO_TCP, seg, segLen));
        finish(tsMicros, src, dst, ipId, PROTO_TCP, segLen);
    }

    void udp(long tsMicros, Peer src, Peer dst, int ipId, int srcPort, int dstPort, int payloadLength) {
        if (payloadLength == 0) {
            ensureRoom();
        }
        int seg = pos + RECORD_HEADER + ETH + IP;
        int segLen = UDP + payloadLength;
        putShort(seg, srcPort);
        putShort(seg + 2, dstPort);
        putShort(seg + 4, segLen);
        putShort(seg + 6, 0);
        int sum = transportChecksum(src.ip, dst.ip, PROTO_UDP, seg, segLen);
        putShort(seg + 6, sum == 0 ? 0xffff : sum); // 0 would mean "no checksum"
        finish(tsMicros, src, dst, ipId, PROTO_UDP, segLen);
    }

    /** ICMP message: type, code and the 4 bytes of "rest of header" (id and sequence for echo). */
    void icmp(long tsMicros, Peer src, Peer dst, int ipId, int type, int code, int rest, int payloadLength) {
        if (payloadLength == 0) {
            ensureRoom();
        }
        int m = pos + RECORD_HEADER + ETH + IP;
        int len = ICMP + payloadLength;
        buf[m] = (byte) type;
        buf[m + 1] = (byte) code;
        putShort(m + 2, 0);
        putInt(m + 4, rest & 0xffffffffL);
        putShort(m + 2, fold(sum(m, len, 0)));
        finish(tsMicros, src, dst, ipId, PROTO_ICMP, len);
    }

    private void finish(long tsMicros, Peer src, Peer dst, int ipId, int protocol, int l4Length) {
        int ipTotal = IP + l4Length;
        int frameLen = ETH + ipTotal;
        int rec = pos;
        putIntLe(rec, (int) (tsMicros / 1_000_000L));
        putIntLe(rec + 4, (int) (tsMicros % 1_000_000L));
        putIntLe(rec + 8, frameLen);
        putIntLe(rec + 12, frameLen);
        int eth = rec + RECORD_HEADER;
        putMac(eth, dst.mac);
        putMac(eth + 6, src.mac);
        putShort(eth + 12, 0x0800);
        int ip = eth + ETH;
        buf[ip] = 0x45;
        buf[ip + 1] = 0;
        putShort(ip + 2, ipTotal);
        putShort(ip + 4, ipId & 0xffff);
        putShort(ip + 6, 0x4000); // Don't Fragment
        buf[ip + 8] = (byte) src.ttl;
        buf[ip + 9] = (byte) protocol;
        putShort(ip + 10, 0);
        putInt(ip + 12, src.ip & 0xffffffffL);
        putInt(ip + 16, dst.ip & 0xffffffffL);
        putShort(ip + 10, fold(sum(ip, IP, 0)));
        pos = rec + RECORD_HEADER + frameLen;
        packets++;
        bytes += RECORD_HEADER + frameLen;
    }

    private int transportChecksum(int srcIp, int dstIp, int protocol, int off, int len) {
        long pseudo = ((srcIp >>> 16) & 0xffff) + (srcIp & 0xffff) + ((dstIp >>> 16) & 0xffff) + (dstIp & 0xffff)
                + protocol + len;
        return fold(sum(off, len, pseudo));
    }

    /** Ones'-complement sum of 16-bit words (a zero byte pads an odd length), unfolded. */
    private long sum(int off, int len, long initial) {
        long s = initial;
        int i = off;
        int end = off + len;
        for (; i + 3 < end; i += 4) {
            s += (((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff)) + (((buf[i + 2] & 0xff) << 8) | (buf[i + 3] & 0xff));
        }
        for (; i + 1 < end; i += 2) {
            s += ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
        }
        if (i < end) {
            s += (buf[i] & 0xff) << 8;
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    long packets() {
        return packets;
    }

    /** Bytes of the file so far (headers included). */
    long bytes() {
        return bytes;
    }

    private void ensureRoom() {
        if (buf.length - pos < MAX_RECORD) {
            drain();
        }
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        pos = 0;
    }

    @Override
    public void close() throws IOException {
        drain();
        out.close();
    }

    private void putShort(int off, int v) {
        buf[off] = (byte) (v >>> 8);
        buf[off + 1] = (byte) v;
    }

    private void putInt(int off, long v) {
        buf[off] = (byte) (v >>> 24);
        buf[off + 1] = (byte) (v >>> 16);
        buf[off + 2] = (byte) (v >>> 8);
        buf[off + 3] = (byte) v;
    }

    private void putMac(int off, long mac) {
        for (int i = 0; i < 6; i++) {
            buf[off + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    private void putIntLe(int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
        buf[off + 2] = (byte) (v >>> 16);
        buf[off + 3] = (byte) (v >>> 24);
    }

    private void putShortLe(int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
    }
}
