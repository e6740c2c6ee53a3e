package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payload rules on a flow without an app-layer parser: the raw stream waits for the session to
 * close (no chunk's worth, no parser trigger), and a content anchored by depth, offset or
 * startswith also matches the packet that carries the bytes (Suricata's SIG_FLAG_REQUIRE_PACKET).
 * The expected (sid, pcap_cnt) list is Suricata 7.0.10's on the same trace.
 */
class PacketFallbackTest {

    @Test
    void anchoredContentsMatchPacketsAndTheStreamWaitsForTheClose() {
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (content:\"ABC\"; depth:3; sid:1;)",
                "alert tcp any any -> any any (content:\"ABC\"; sid:2;)",
                "alert tcp any any -> any any (content:\"ABC\"; offset:3; sid:3;)",
                "alert tcp any any -> any any (content:\"XYZ\"; startswith; sid:4;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        // 1-3 handshake, 4 "ABCDEFGH", 5 ACK, 6 "hello", 7 ACK, 8 "XYZABC", 9 ACK, 10-12 close
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 9999, 1000, 5000).handshake()
                .clientSends("ABCDEFGH".getBytes(StandardCharsets.US_ASCII))
                .serverSends("hello".getBytes(StandardCharsets.US_ASCII))
                .clientSends("XYZABC".getBytes(StandardCharsets.US_ASCII))
                .close();
        List<String> got = new ArrayList<>();
        for (DetectHarness.Alert a : h.run(t)) {
            got.add(a.sid() + "@" + a.pcapCnt());
        }
        got.sort(null);
        // 1@4: packet (depth); 3@8: packet (offset 3 in "XYZABC"); 4@8: packet (startswith);
        // 1@10, 2@10, 3@10: the whole to-server stream "ABCDEFGHXYZABC" on the client's FIN
        List<String> want = new ArrayList<>(List.of("1@4", "1@10", "2@10", "3@8", "3@10", "4@8"));
        want.sort(null);
        assertEquals(want, got);
    }
}
