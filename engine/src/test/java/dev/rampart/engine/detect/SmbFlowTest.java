package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.applayer.smb.SmbBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What detecting SMB changes for a flow's stream inspection. */
class SmbFlowTest {
    private static final String RULE = "alert tcp-stream any any -> any any (content:\"MARKER\"; sid:5;)";

    private static List<DetectHarness.Alert> run(byte[] request, int serverPort) {
        DetectHarness h = new DetectHarness(RULE);
        h.config.stream.depth = 2000;
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 49216, DetectHarness.SERVER, serverPort, 1000, 5000).handshake()
                .clientSends(request)
                .serverSends(SmbBytes.smb1(true, 10))
                .close();
        return h.run(t);
    }

    private static byte[] requestWithMarkerAt(int at) {
        byte[] r = SmbBytes.smb1(false, at + 6 - 36);
        byte[] m = "MARKER".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, r, at, m.length);
        return r;
    }

    /**
     * Suricata's SMB stream-depth is unlimited by default: with stream.reassembly.depth 2000 the
     * stream goes on and the marker at offset 5000 is found in it, on the packet Suricata 7.0.10
     * alerts on for the same trace (14, the client's FIN: SMB flows wait for raw inspection until
     * the session closes or a chunk's worth is acknowledged).
     */
    @Test
    void smbLiftsTheReassemblyDepth() {
        List<DetectHarness.Alert> alerts = run(requestWithMarkerAt(5000), 445);
        assertEquals(1, alerts.size());
        assertEquals(14, alerts.get(0).pcapCnt());
    }

    /**
     * Rules for dcerpc name SMB flows too (Suricata's AppProtoEquals; DCERPC runs over SMB pipes):
     * a dcerpc header rule and app-layer-protocol:dcerpc match an SMB session, as suricata 7.0.10's
     * did on the zerologon and bug-5162 captures.
     */
    @Test
    void dcerpcRulesNameSmbFlows() {
        DetectHarness h = new DetectHarness(
                "alert dcerpc any any -> any any (flow:to_server; content:\"MARKER\"; sid:6;)",
                "alert tcp any any -> any any (app-layer-protocol:dcerpc; sid:7;)",
                "alert tcp any any -> any any (app-layer-protocol:smb; sid:8;)",
                "alert tcp any any -> any any (app-layer-protocol:tls; sid:9;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 49216, DetectHarness.SERVER, 445, 1000, 5000).handshake()
                .clientSends(requestWithMarkerAt(100))
                .serverSends(SmbBytes.smb1(true, 10))
                .close();
        List<Long> sids = h.run(t).stream().map(DetectHarness.Alert::sid).distinct().sorted().toList();
        assertEquals(List.of(6L, 7L, 8L), sids);
    }
}
