package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suricata logs at most packet-alert-max (15) alerts per packet, the first in its signature order;
 * the others count as detect.alert_queue_overflow. Measured with suricata 7.0.10: 16 ET phishing
 * rules matched one request packet, 15 alerts were logged and the last rule's was dropped
 * (alert_queue_overflow 1). Before, all 16 were logged.
 */
class PacketAlertMaxTest {
    private static List<String> rules(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add("alert http any any -> any any (msg:\"m" + i + "\"; http.method; content:\"POST\"; sid:" + i + ";)");
        }
        return out;
    }

    private static final String REQUEST = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz";

    @Test
    void onlyTheFirstFifteenAlertsOfAPacketAreLogged() {
        DetectHarness h = new DetectHarness(rules(16).toArray(new String[0]));
        h.run(DetectHarness.httpExchange(REQUEST, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        List<Long> sids = h.sids();
        assertEquals(15, sids.size());
        assertEquals(false, sids.contains(16L));
    }

    @Test
    void fifteenAreAllLogged() {
        DetectHarness h = new DetectHarness(rules(15).toArray(new String[0]));
        h.run(DetectHarness.httpExchange(REQUEST, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        assertEquals(15, h.sids().size());
    }
}
