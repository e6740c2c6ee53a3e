package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payload keywords on packets without payload: Suricata's signature mask keeps a rule with payload
 * keywords off a packet that has neither payload nor stream data, so a negated content alone does
 * not fire on every pure ACK or FIN (it did here: 2,979 alerts against suricata's 361 on a
 * generated capture). Expected (sid, pcap_cnt) as suricata 7.0.10 gave them on the same exchange.
 */
class EmptyPayloadTest {
    @Test
    void negatedContentAndIsdataatNeedBytesToLookAt() {
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any 80 (flow:to_server,established; content:!\"zzzz\"; sid:1;)",
                "alert tcp any any -> any 80 (flow:to_server,established; isdataat:5; sid:2;)",
                "alert tcp any any -> any 80 (flow:to_server,established; content:!\"zzzz\"; depth:4; sid:3;)");
        // handshake 1-3, request 4 (ACK 5), response 6 (ACK 7: the request's stream chunk), FIN 8, FIN 9, ACK 10
        h.run(DetectHarness.httpExchange("GET /owa/ HTTP/1.1\r\nHost: mail.example\r\nCookie: a=1; b=2\r\n\r\n",
                "HTTP/1.1 500 Internal\r\nSet-Cookie: msExchEcpCanary=abc123; path=/ecp\r\nSet-Cookie: second=2\r\n"
                        + "Content-Length: 2\r\n\r\nok"));
        assertEquals(List.of("3@4", "1@7", "2@7", "3@7"),
                h.alerts.stream().map(a -> a.sid() + "@" + a.pcapCnt()).toList());
    }
}
