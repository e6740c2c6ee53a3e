package dev.rampart.capture.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.PcapPacket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpSessionTest {
    private static final Host C = Host.of("192.168.56.10", "02:00:00:00:00:0a");
    private static final Host S = Host.of("198.51.100.10", "02:00:00:00:00:01");

    @Test
    void fullConversationHasCorrectSequenceNumbers() {
        Trace t = new Trace(0, 100);
        byte[] req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] resp = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        TcpSession s = new TcpSession(t, C, 50000, S, 80, 1000, 5000).handshake().clientSends(req)
                .serverSends(resp).close();
        List<Decoded> p = t.packets().stream().map(PcapPacket::data).map(Decoded::of).toList();
        assertEquals(10, p.size());
        for (Decoded d : p) {
            assertTrue(d.ipChecksumOk(), "ip checksum");
            assertTrue(d.transportChecksumOk(), "tcp checksum");
        }
        // handshake
        expect(p.get(0), true, 1000, 0, Tcp.SYN);
        expect(p.get(1), false, 5000, 1001, Tcp.SYN | Tcp.ACK);
        expect(p.get(2), true, 1001, 5001, Tcp.ACK);
        // request and its ACK
        expect(p.get(3), true, 1001, 5001, Tcp.PSH | Tcp.ACK);
        assertArrayEquals(req, p.get(3).payload);
        expect(p.get(4), false, 5001, 1001 + req.length, Tcp.ACK);
        // response and its ACK
        expect(p.get(5), false, 5001, 1001 + req.length, Tcp.PSH | Tcp.ACK);
        assertArrayEquals(resp, p.get(5).payload);
        expect(p.get(6), true, 1001 + req.length, 5001 + resp.length, Tcp.ACK);
        // FIN close: each FIN takes one sequence number
        expect(p.get(7), true, 1001 + req.length, 5001 + resp.length, Tcp.FIN | Tcp.ACK);
        expect(p.get(8), false, 5001 + resp.length, 1002 + req.length, Tcp.FIN | Tcp.ACK);
        expect(p.get(9), true, 1002 + req.length, 5002 + resp.length, Tcp.ACK);
        assertEquals(1002 + req.length, s.clientNextSeq());
        assertEquals(5002 + resp.length, s.serverNextSeq());
        // timestamps follow the trace clock
        assertEquals(900, t.packets().get(9).timestampMicros());
        // ip ids count up per side
        assertEquals(p.get(0).ipId + 1, p.get(2).ipId);
        assertEquals(p.get(1).ipId + 1, p.get(4).ipId);
    }

    @Test
    void largeDataIsCutAtTheMss() {
        Trace t = new Trace(0, 1);
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 250; i++) {
            big.write(i);
        }
        new TcpSession(t, C, 1234, S, 443, 0xfffffff0L, 7).mss(100).handshake().serverSends(big.toByteArray());
        List<Decoded> p = t.packets().stream().map(PcapPacket::data).map(Decoded::of).toList();
        assertEquals(3 + 6, p.size());
        assertEquals(100, p.get(3).payload.length);
        assertEquals(100, p.get(5).payload.length);
        assertEquals(50, p.get(7).payload.length);
        assertEquals(8, p.get(3).seq);
        assertEquals(108, p.get(5).seq);
        assertEquals(208, p.get(7).seq);
        assertEquals(258, p.get(8).ack);
        // the client's sequence numbers wrap around 2^32
        assertEquals(0xfffffff0L, p.get(0).seq);
        assertEquals(0xfffffff1L, p.get(2).seq);
        for (Decoded d : p) {
            assertTrue(d.transportChecksumOk());
        }
    }

    @Test
    void misuseIsRejected() {
        Trace t = new Trace(0, 1);
        TcpSession s = new TcpSession(t, C, 1, S, 2, 0, 0);
        assertThrows(IllegalStateException.class, () -> s.clientSends(new byte[1]));
        s.handshake();
        assertThrows(IllegalStateException.class, s::handshake);
        s.close();
        assertThrows(IllegalStateException.class, s::close);
        assertThrows(IllegalArgumentException.class, () -> s.mss(0));
    }

    private static void expect(Decoded d, boolean fromClient, long seq, long ack, int flags) {
        assertEquals(fromClient ? C.ip() : S.ip(), d.srcIp, "source");
        assertEquals(fromClient ? 50000 : 80, d.srcPort, "source port");
        assertEquals(fromClient ? 80 : 50000, d.dstPort, "destination port");
        assertEquals(seq, d.seq, "seq");
        assertEquals(ack, d.ack, "ack");
        assertEquals(flags, d.flags, "flags");
    }
}
