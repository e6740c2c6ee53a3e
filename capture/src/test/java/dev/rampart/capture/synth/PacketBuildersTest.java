package dev.rampart.capture.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketBuildersTest {
    private static final Host A = Host.of("192.168.56.10", "02:00:00:00:00:0a");
    private static final Host B = Host.of("203.0.113.5", "02:00:00:00:00:fe");

    @Test
    void hostParsing() {
        assertEquals(0xc0a8380a, A.ip());
        assertEquals(0x02000000000aL, A.mac());
        assertEquals("192.168.56.10", A.ipString());
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 56, 10}, A.ipBytes());
        assertThrows(IllegalArgumentException.class, () -> Host.parseIp("1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> Host.parseIp("1.2.3.256"));
        assertThrows(IllegalArgumentException.class, () -> Host.parseMac("02:00"));
    }

    @Test
    void tcpFrameDecodesWithValidChecksums() {
        byte[] payload = "hello, odd length".getBytes(StandardCharsets.US_ASCII);
        byte[] seg = Tcp.segment(A.ip(), B.ip(), 40000, 80, 0xfffffff0L, 12345, Tcp.PSH | Tcp.ACK, 1000,
                new byte[0], payload);
        byte[] frame = Ethernet.frame(B.mac(), A.mac(), Ethernet.TYPE_IPV4,
                Ipv4.packet(A.ip(), B.ip(), Ipv4.PROTO_TCP, 7, 64, seg));
        Decoded d = Decoded.of(frame);
        assertEquals(0x0800, d.etherType);
        assertEquals(B.mac(), d.dstMac);
        assertEquals(A.mac(), d.srcMac);
        assertEquals(6, d.protocol);
        assertEquals(64, d.ttl);
        assertEquals(7, d.ipId);
        assertEquals(A.ip(), d.srcIp);
        assertEquals(B.ip(), d.dstIp);
        assertEquals(40000, d.srcPort);
        assertEquals(80, d.dstPort);
        assertEquals(0xfffffff0L, d.seq);
        assertEquals(12345, d.ack);
        assertEquals(Tcp.PSH | Tcp.ACK, d.flags);
        assertEquals(1000, d.window);
        assertEquals(20, d.tcpHeaderLength);
        assertArrayEquals(payload, d.payload);
        assertTrue(d.ipChecksumOk(), "IPv4 header checksum");
        assertTrue(d.transportChecksumOk(), "TCP checksum");
    }

    @Test
    void corruptedByteBreaksTheChecksum() {
        byte[] seg = Tcp.segment(A.ip(), B.ip(), 1, 2, 3, 4, Tcp.ACK, 5, new byte[0], new byte[] {1, 2, 3});
        byte[] frame = Ethernet.frame(B.mac(), A.mac(), Ethernet.TYPE_IPV4,
                Ipv4.packet(A.ip(), B.ip(), Ipv4.PROTO_TCP, 1, 64, seg));
        frame[frame.length - 1] ^= 0x40;
        assertTrue(!Decoded.of(frame).transportChecksumOk());
    }

    @Test
    void tcpOptionsAreInTheHeader() {
        byte[] seg = Tcp.segment(A.ip(), B.ip(), 1, 2, 3, 0, Tcp.SYN, 5, Tcp.mssOption(1460), new byte[0]);
        Decoded d = Decoded.of(Ethernet.frame(B.mac(), A.mac(), Ethernet.TYPE_IPV4,
                Ipv4.packet(A.ip(), B.ip(), Ipv4.PROTO_TCP, 1, 64, seg)));
        assertEquals(24, d.tcpHeaderLength);
        assertEquals(1460, Decoded.u16(d.transport, 22));
        assertTrue(d.transportChecksumOk());
        assertThrows(IllegalArgumentException.class,
                () -> Tcp.segment(1, 2, 3, 4, 5, 6, 0, 0, new byte[3], new byte[0]));
    }

    @Test
    void udpFrameDecodesWithValidChecksums() {
        Trace t = new Trace(1_000_000, 10);
        byte[] payload = {1, 2, 3, 4, 5};
        t.udp(A, 53000, B, 53, 99, payload);
        Decoded d = Decoded.of(t.packets().get(0).data());
        assertEquals(17, d.protocol);
        assertEquals(53000, d.srcPort);
        assertEquals(53, d.dstPort);
        assertEquals(99, d.ipId);
        assertArrayEquals(payload, d.payload);
        assertTrue(d.ipChecksumOk());
        assertTrue(d.transportChecksumOk(), "UDP checksum");
        assertTrue(d.storedTransportChecksum() != 0, "UDP checksum present");
    }

    @Test
    void traceClockIsDeterministic() {
        Trace t = new Trace(5_000_000, 250);
        t.add(new byte[] {1});
        t.advance(1000);
        t.add(new byte[] {2});
        assertEquals(5_000_000, t.packets().get(0).timestampMicros());
        assertEquals(5_001_250, t.packets().get(1).timestampMicros());
        assertEquals(5_001_500, t.now());
        assertThrows(IllegalArgumentException.class, () -> t.advance(-1));
    }
}
