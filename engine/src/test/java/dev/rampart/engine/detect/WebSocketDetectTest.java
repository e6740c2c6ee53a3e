package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WebSocket after an HTTP/1 upgrade, as detection sees it (Suricata 8; suricata 7.0.10 has no
 * WebSocket parser to compare with, so the expectations are this engine's, checked by hand: each
 * frame is a transaction of its direction inspected on the packet after the one that delivered it
 * in IDS mode, the HTTP rule still sees the upgrade request, the flow is websocket from the frames
 * on).
 */
class WebSocketDetectTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Trace capture() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 80, 1000, 5000).handshake()
                .clientSends(b("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"))
                .serverSends(b("HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"))
                .clientSends(dev.rampart.engine.testutil.WebSocketWire.frame(0x81, 0x01020304L,
                        b("login TOKEN=abc")))
                .serverSends(dev.rampart.engine.testutil.WebSocketWire.frame(0x89, -1, b("hb")))
                .clientSends(dev.rampart.engine.testutil.WebSocketWire.frame(0x8A, 0x0a0b0c0dL, b("hb")))
                .close();
        return t;
    }

    @Test
    void framesAreTransactionsOfTheirDirection() {
        DetectHarness h = new DetectHarness(
                "alert websocket any any -> any any (websocket.payload; content:\"TOKEN=\"; sid:1;)",
                "alert websocket any any -> any any (websocket.opcode:ping; sid:2;)",
                "alert websocket any any -> any any (websocket.opcode:!ping; websocket.mask:>0; sid:3;)",
                "alert websocket any any -> any any (websocket.flags:fin,!comp; flow:to_client; sid:4;)",
                "alert http any any -> any any (http.header; content:\"Upgrade|3a 20|websocket\"; sid:5;)",
                "alert tcp any any -> any any (app-layer-protocol:websocket; flow:to_server; sid:6;)",
                "alert websocket any any -> any any (app-layer-event:websocket.skip_end_of_payload; sid:7;)");
        // packets: 1-3 handshake, 4 request, 5 ack, 6 response (101), 7 ack, 8 text frame, 9 ack, 10 ping,
        // 11 ack, 12 pong, 13 ack, 14-16 close. IDS mode: a frame delivered by the other side's ack is
        // inspected on the next packet of its own direction (text 8 -> 11, ping 10 -> 13, pong 12 -> 14);
        // the HTTP request's rule alerts on the change's flush pseudo packet (no pcap_cnt: 0 here);
        // app-layer-protocol:websocket on the packet after the data that decided the direction
        assertEquals(List.of("1@11#0", "2@13#1", "3@11#0", "3@14#2", "4@13#1", "5@0#0", "6@11"),
                h.sortedTxAlerts(capture()));
    }
}
