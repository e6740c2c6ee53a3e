package dev.rampart.capture.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void rfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded), checksum 220d
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220d, Checksums.internet(b, 0, b.length));
    }

    @Test
    void knownIpv4Header() {
        // a classic textbook header: 4500 0073 0000 4000 4011 [b861] c0a8 0001 c0a8 00c7
        byte[] h = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
                (byte) 0xc0, (byte) 0xa8, 0x00, 0x01, (byte) 0xc0, (byte) 0xa8, 0x00, (byte) 0xc7};
        assertEquals(0xb861, Checksums.internet(h, 0, h.length));
    }

    @Test
    void oddLengthIsPaddedWithZero() {
        byte[] odd = {0x12, 0x34, 0x56};
        byte[] even = {0x12, 0x34, 0x56, 0x00};
        assertEquals(Checksums.internet(even, 0, 4), Checksums.internet(odd, 0, 3));
    }

    @Test
    void ipv4PacketHeaderMatchesTextbookValue() {
        byte[] p = Ipv4.packet(Host.parseIp("192.168.0.1"), Host.parseIp("192.168.0.199"), Ipv4.PROTO_UDP, 0, 64,
                new byte[0x73 - 20]);
        assertEquals(0xb861, Decoded.u16(p, 10));
    }
}
