package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the reassembly depth does to inspection, as suricata 7.0.10 did on the same session (four
 * 600-byte client segments, depth 1 KiB, no app-layer protocol): the first segment is inspected in
 * the stream (at the packet that reached the depth, which flushes it); the one that crosses the
 * depth is refused whole by the stream yet counts as taken, so its bytes are inspected nowhere; the
 * segments after it go to no stream and are inspected as packets. Before this, the crossing segment
 * was kept up to the depth and the later ones were lost to inspection.
 */
class StreamDepthDetectTest {
    @Test
    void segmentsPastTheDepthAreInspectedAsPackets() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, 41001, DetectHarness.SERVER, 9999, 1000, 5000).mss(1400)
                .handshake();
        for (int i = 1; i <= 4; i++) {
            s.clientSends(("SEG" + i + "MARK" + "z".repeat(590)).getBytes(StandardCharsets.ISO_8859_1));
        }
        s.serverSends("ok".getBytes(StandardCharsets.ISO_8859_1)).close();
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (flow:to_server; content:\"SEG1MARK\"; sid:1;)",
                "alert tcp any any -> any any (flow:to_server; content:\"SEG2MARK\"; sid:2;)",
                "alert tcp any any -> any any (flow:to_server; content:\"SEG3MARK\"; sid:3;)",
                "alert tcp any any -> any any (flow:to_server; content:\"SEG4MARK\"; sid:4;)");
        h.config.stream.depth = 1024;
        h.run(t);
        assertEquals(List.of("1@6", "3@8", "4@10"), h.txAlerts);
    }
}
