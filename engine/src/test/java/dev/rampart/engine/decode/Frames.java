package dev.rampart.engine.decode;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builders for crafted test frames (big-endian headers, correct checksums unless told). */
public final class Frames {
    private Frames() {
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    public static byte[] fill(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    public static byte[] eth(int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(bytes(0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB));
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    public static byte[] vlan(int vid, int etherType, byte[] payload) {
        return cat(bytes(vid >>> 8, vid, etherType >>> 8, etherType), payload);
    }

    /** IPv4 header (+ options) with a correct checksum. */
    public static byte[] ip4(int proto, byte[] opts, int id, int flagsOff, int src, int dst, byte[] payload) {
        int hlen = 20 + opts.length;
        ByteBuffer b = ByteBuffer.allocate(hlen + payload.length);
        b.put((byte) (0x40 | (hlen / 4))).put((byte) 0).putShort((short) (hlen + payload.length));
        b.putShort((short) id).putShort((short) flagsOff).put((byte) 64).put((byte) proto).putShort((short) 0);
        b.putInt(src).putInt(dst).put(opts).put(payload);
        byte[] a = b.array();
        int c = Checksum.compute(ByteBuffer.wrap(a), 0, hlen);
        a[10] = (byte) (c >>> 8);
        a[11] = (byte) c;
        return a;
    }

    public static byte[] ip4(int proto, byte[] payload) {
        return ip4(proto, new byte[0], 1, 0, 0x0A000001, 0x0A000002, payload);
    }

    public static final byte[] SRC6 = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    public static final byte[] DST6 = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2);

    public static byte[] ip6(int nextHeader, int hopLimit, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(6 << 28).putShort((short) payload.length).put((byte) nextHeader).put((byte) hopLimit);
        b.put(SRC6).put(DST6).put(payload);
        return b.array();
    }

    public static byte[] ip6(int nextHeader, byte[] payload) {
        return ip6(nextHeader, 64, payload);
    }

    /** IPv6 fragment header. */
    public static byte[] fh(int nextHeader, int offset, boolean more, int id) {
        return ByteBuffer.allocate(8).put((byte) nextHeader).put((byte) 0)
                .putShort((short) ((offset & 0xFFF8) | (more ? 1 : 0))).putInt(id).array();
    }

    public static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] opts, byte[] payload) {
        int hlen = 20 + opts.length;
        ByteBuffer b = ByteBuffer.allocate(hlen + payload.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
        b.put((byte) ((hlen / 4) << 4)).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
        b.put(opts).put(payload);
        return b.array();
    }

    public static byte[] udp(int sport, int dport, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sport).putShort((short) dport)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    /** Fills the TCP/UDP/ICMPv6 checksum of the L4 segment inside an IPv4 or IPv6 packet. */
    public static byte[] withL4Checksum(byte[] ip, int checksumFieldInL4) {
        ByteBuffer b = ByteBuffer.wrap(ip);
        boolean v4 = (ip[0] >>> 4 & 0xF) == 4;
        int l4 = v4 ? (ip[0] & 0xF) * 4 : 40;
        int proto = v4 ? ip[9] & 0xFF : ip[6] & 0xFF;
        int len = ip.length - l4;
        ip[l4 + checksumFieldInL4] = 0;
        ip[l4 + checksumFieldInL4 + 1] = 0;
        long sum = v4 ? Checksum.ipv4PseudoHeader(b, 0, proto, len) : Checksum.ipv6PseudoHeader(b, 0, proto, len);
        int c = Checksum.fold(Checksum.add(b, l4, len, sum));
        ip[l4 + checksumFieldInL4] = (byte) (c >>> 8);
        ip[l4 + checksumFieldInL4 + 1] = (byte) c;
        return ip;
    }

    public static Frame frame(int linkType, byte[] data) {
        return new Frame().set(ByteBuffer.wrap(data), 0, data.length, data.length, linkType, 1_000_000_000L, 1, 0);
    }

    public static Frame ethernet(byte[] data) {
        return frame(LinkType.ETHERNET, data);
    }
}
