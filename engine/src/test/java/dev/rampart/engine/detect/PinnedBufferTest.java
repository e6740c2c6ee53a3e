package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Suricata 8's "buffer: to_client;" / "buffer: to_server;" on two-sided buffers in => rules (suricata-verify detect-bidir). */
class PinnedBufferTest {
    @Test
    void aPinnedBufferIsReadFromItsSideOfTheTransaction() {
        DetectHarness h = new DetectHarness(
                "alert http any any => any any (http.uri; content:\"/download\"; http.connection: to_client; content:\"close\"; sid:1;)",
                "alert http any any => any any (http.uri; content:\"/download\"; http.connection: to_server; content:\"close\"; sid:2;)",
                "alert http any any => any any (http.connection: to_server; content:\"keep\"; http.connection: to_client; content:\"close\"; sid:3;)",
                "alert http any any => any any (http.stat_code; content:\"200\"; file.data: to_client; content:\"body\"; sid:4;)");
        h.run(DetectHarness.httpExchange("GET /download HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\nbody"));
        assertEquals(List.of(1L, 3L, 4L), h.sids().stream().sorted().toList());
    }

    @Test
    void onlyTheTwoDirectionsAreAccepted() {
        assertThrows(RuleParseException.class, () -> new RuleParser().parse(
                "alert http any any => any any (http.connection: sideways; content:\"x\"; sid:1;)"));
    }
}
