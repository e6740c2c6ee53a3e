package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * http.cookie on both sides of a transaction: the request's Cookie header, the response's
 * Set-Cookie (repeated headers joined with ", "). Expectations as suricata 7.0.10 gave them for the
 * same exchange and rules (its pkt var capture of the to_client buffer read
 * "msExchEcpCanary=abc123; path=/ecp, second=2"); ET Open has 34 enabled rules that pair a
 * response buffer with http.cookie (e.g. sid 2033835).
 */
class HttpCookieBufferTest {
    @Test
    void responseSideIsSetCookieAndRequestSideIsCookie() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (flow:established,to_client; http.cookie; content:\"msExchEcpCanary=\"; sid:1;)",
                "alert http any any -> any any (flow:established,to_client; http.cookie; content:\"path=/ecp, second=2\"; endswith; sid:2;)",
                "alert http any any -> any any (flow:established,to_server; http.cookie; content:\"a=1|3b 20|b=2\"; startswith; endswith; sid:3;)",
                "alert http any any -> any any (flow:established,from_server; http.stat_code; content:\"500\"; http.cookie; content:\"msExchEcpCanary=\"; sid:4;)",
                "alert http any any -> any any (flow:established,to_client; http.cookie; content:\"a=1\"; sid:5;)",
                "alert http any any -> any any (flow:established,to_server; http.cookie; content:\"second\"; sid:6;)",
                "alert http any any -> any any (http.cookie; content:\"second=2\"; sid:7;)");
        h.run(DetectHarness.httpExchange("GET /owa/ HTTP/1.1\r\nHost: mail.example\r\nCookie: a=1; b=2\r\n\r\n",
                "HTTP/1.1 500 Internal\r\nSet-Cookie: msExchEcpCanary=abc123; path=/ecp\r\nSet-Cookie: second=2\r\nContent-Length: 2\r\n\r\nok"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 7L), h.sids().stream().sorted().toList());
    }

    @Test
    void headerNameIsCaseInsensitiveAndBsizeCountsTheValue() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (flow:to_client; http.cookie; content:\"k=v\"; bsize:3; sid:1;)",
                "alert http any any -> any any (flow:to_client; http.cookie; bsize:>3; sid:2;)");
        h.run(DetectHarness.httpExchange("GET /x HTTP/1.1\r\nHost: h\r\n\r\n",
                "HTTP/1.1 200 OK\r\nset-cookie: k=v\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of(1L), h.sids().stream().sorted().toList());
    }
}
