package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An HTTP request answered by an SSH banner (suricata-verify output-eve-anomaly-02's case), as
 * suricata 7.0.10 flagged the same session: the flow stays http (its parser has data), the server's
 * direction is ssh, each on the packet after its decision only, also with a {@code flow} keyword
 * next to {@code app-layer-protocol} (flow is no prefilter; app-layer-protocol's prefilter runs on the
 * deciding packets).
 */
class ProtocolMismatchDetectTest {
    @Test
    void theAnsweringDirectionKeepsTheProtocolItFound() {
        Trace t = httpAnsweredBySsh();
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (flow:to_client; app-layer-protocol:ssh; sid:1;)",
                "alert tcp any any -> any any (flow:to_client; app-layer-protocol:failed; sid:2;)",
                "alert tcp any any -> any any (flow:to_client; app-layer-protocol:http; sid:3;)",
                "alert tcp any any -> any any (flow:to_server; app-layer-protocol:http; sid:4;)",
                "alert tcp any any -> any any (flow:to_server; app-layer-protocol:ssh; sid:5;)");
        h.run(t);
        assertEquals(List.of("4@7", "1@8"), h.txAlerts);
    }

    @Test
    void onlyDirectionFlowbitsSetAndThresholdsKeepARuleProtocolDetectionOnly() {
        Trace t = httpAnsweredBySsh();
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (flow:established; app-layer-protocol:http; sid:11;)",
                "alert tcp any any -> any any (flow:to_server,established; app-layer-protocol:http; sid:12;)",
                "alert tcp any any -> any any (flowbits:set,x; app-layer-protocol:http; sid:13;)",
                "alert tcp any any -> any any (ttl:64; app-layer-protocol:http; sid:14;)");
        h.run(t);
        // suricata 7.0.10 on the same session (its SignatureIsPDOnly)
        assertEquals(List.of("11@10", "11@12", "11@7", "11@9", "12@10", "12@12", "12@7", "12@9", "13@7", "14@10", "14@12",
                "14@7", "14@9"), h.txAlerts.stream().sorted().toList());
    }

    private static Trace httpAnsweredBySsh() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40010, DetectHarness.SERVER, 22, 1000, 5000).handshake()
                .clientSends("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
                .serverSends("SSH-2.0-OpenSSH_6.6.1\r\n".getBytes(StandardCharsets.ISO_8859_1))
                .serverSends("Protocol mismatch.\n".getBytes(StandardCharsets.ISO_8859_1))
                .close();
        return t;
    }
}
