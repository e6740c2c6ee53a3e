package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code <>} rule is two signatures in Suricata, one per orientation, with the same sid: a packet
 * that matches both ways alerts twice. Measured with suricata 7.0.10 (ET's shipped-disabled sid 2100528,
 * {@code alert ip any any <> 127.0.0.0/8 any}, on suricata-verify's datasets-10-unset capture: two
 * alerts on the first packet of each direction of each loopback flow, 12 in all).
 */
class BidirectionalRuleTest {
    private static List<String> run(Host client, Host server, String rule) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, client, 40001, server, 8001, 1000, 5000).handshake().close();
        DetectHarness h = new DetectHarness(rule);
        h.run(t);
        return h.txAlerts;
    }

    @Test
    void aPacketMatchingBothWaysAlertsTwice() {
        Host lo1 = Host.of("127.0.0.1", "02:00:00:00:00:01");
        Host lo2 = Host.of("127.0.0.1", "02:00:00:00:00:02");
        // IP-only: the first packet of each direction
        assertEquals(List.of("1@1", "1@1", "1@2", "1@2"), run(lo1, lo2, "alert ip any any <> 127.0.0.0/8 any (sid:1;)"));
        // one way only: once
        assertEquals(List.of("1@1", "1@2"), run(DetectHarness.CLIENT, lo2, "alert ip any any <> 127.0.0.0/8 any (sid:1;)"));
    }
}
