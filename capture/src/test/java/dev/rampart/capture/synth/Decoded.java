package dev.rampart.capture.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** Test-side decoding of Ethernet/IPv4/TCP/UDP frames, independent of the builders' helpers. */
final class Decoded {
    final int etherType;
    final long dstMac;
    final long srcMac;
    final int ipTotalLength;
    final int ipId;
    final int ttl;
    final int protocol;
    final int srcIp;
    final int dstIp;
    final int srcPort;
    final int dstPort;
    final long seq;
    final long ack;
    final int flags;
    final int window;
    final int tcpHeaderLength;
    final byte[] ipHeader;
    final byte[] transport;
    final byte[] payload;

    private Decoded(byte[] f) {
        dstMac = mac(f, 0);
        srcMac = mac(f, 6);
        etherType = u16(f, 12);
        int ip = 14;
        int ihl = (f[ip] & 0x0f) * 4;
        assertEquals(4, (f[ip] & 0xff) >>> 4, "IP version");
        ipTotalLength = u16(f, ip + 2);
        assertEquals(f.length - 14, ipTotalLength, "IP total length matches the frame");
        ipId = u16(f, ip + 4);
        ttl = f[ip + 8] & 0xff;
        protocol = f[ip + 9] & 0xff;
        srcIp = (int) u32(f, ip + 12);
        dstIp = (int) u32(f, ip + 16);
        ipHeader = Arrays.copyOfRange(f, ip, ip + ihl);
        transport = Arrays.copyOfRange(f, ip + ihl, f.length);
        int t = ip + ihl;
        srcPort = u16(f, t);
        dstPort = u16(f, t + 2);
        if (protocol == 6) {
            seq = u32(f, t + 4);
            ack = u32(f, t + 8);
            tcpHeaderLength = ((f[t + 12] & 0xff) >>> 4) * 4;
            flags = f[t + 13] & 0xff;
            window = u16(f, t + 14);
            payload = Arrays.copyOfRange(f, t + tcpHeaderLength, f.length);
        } else {
            seq = 0;
            ack = 0;
            tcpHeaderLength = 0;
            flags = 0;
            window = 0;
            assertEquals(transport.length, u16(f, t + 4), "UDP length");
            payload = Arrays.copyOfRange(f, t + 8, f.length);
        }
    }

    static Decoded of(byte[] frame) {
        return new Decoded(frame);
    }

    /** Recomputes the IPv4 header checksum from scratch: a correct header sums to 0xffff. */
    boolean ipChecksumOk() {
        return fold(sum(ipHeader, 0)) == 0xffff;
    }

    /** Recomputes the TCP/UDP checksum including the pseudo header. */
    boolean transportChecksumOk() {
        long s = sum(transport, 0);
        s += (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + protocol + transport.length;
        return fold(s) == 0xffff;
    }

    int storedTransportChecksum() {
        return u16(transport, protocol == 6 ? 16 : 6);
    }

    private static long sum(byte[] b, long init) {
        long s = init;
        for (int i = 0; i < b.length; i += 2) {
            int hi = b[i] & 0xff;
            int lo = i + 1 < b.length ? b[i + 1] & 0xff : 0;
            s += (hi << 8) | lo;
        }
        return s;
    }

    private static long fold(long s) {
        while (s > 0xffff) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return s;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static long u32(byte[] b, int off) {
        return ((long) u16(b, off) << 16) | u16(b, off + 2);
    }

    private static long mac(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
