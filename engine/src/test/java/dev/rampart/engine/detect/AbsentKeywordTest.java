package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code absent} / {@code absent: or_else} (Suricata 8), with the expectations of suricata-verify's
 * detect-absent-* tests: a missing buffer matches once its side's headers (bodies: the side) are
 * done; a present one matches only through or_else and the buffer's other keywords.
 */
class AbsentKeywordTest {
    @Test
    void missingHeaderMatchesAbsentAndOrElseAndAPresentOneOnlyThroughItsContents() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (flow:to_server; http.referer; absent; sid:1;)",
                "alert http any any -> any any (flow:to_server; http.referer; absent: or_else; content:\"example\"; sid:2;)",
                "alert http any any -> any any (flow:to_server; http.referer; content:!\"example\"; sid:3;)",
                "alert http any any -> any any (flow:to_server; http.user_agent; absent; sid:4;)",
                "alert http any any -> any any (flow:to_server; http.user_agent; absent: or_else; content:\"foo\"; sid:5;)",
                "alert http any any -> any any (flow:to_server; http.user_agent; absent: or_else; content:\"bar\"; sid:6;)");
        // the request body never arrives: the headers are done, the request is not
        h.run(DetectHarness.httpExchange("GET / HTTP/1.1\r\nHost: h\r\nUser-Agent: foo\r\nContent-Length: 100\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of(1L, 2L, 5L), h.sids().stream().sorted().toList());
    }

    @Test
    void missingBodyMatchesWhenThatSideIsComplete() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (flow:to_client; file.data; absent; http.stat_code; content:\"500\"; sid:1;)",
                "alert http any any -> any any (flow:to_client; file.data; bsize:>0; sid:2;)",
                "alert http any any -> any any (flow:to_client; file.data; absent: or_else; content:!\"abc\"; sid:3;)",
                "alert http any any -> any any (flow:to_client; file.data; content:!\"abc\"; sid:4;)");
        h.run(DetectHarness.httpExchange("GET / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of(1L, 3L), h.sids().stream().sorted().toList());
    }

    @Test
    void plainAbsentWithAnotherKeywordOnTheBufferIsRefused() {
        assertThrows(RuleParseException.class, () -> new RuleParser().parse(
                "alert http any any -> any any (http.referer; absent; content:\"x\"; sid:1;)"));
    }
}
