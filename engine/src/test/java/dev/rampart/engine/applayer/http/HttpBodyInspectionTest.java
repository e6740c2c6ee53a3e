package dev.rampart.engine.applayer.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rampart.engine.applayer.Slice;
import org.junit.jupiter.api.Test;

/**
 * When detection may see a body with {@link HttpConfig#deferBodyInspection} (Suricata's
 * HttpRequestBodyGetDataCallback and the response twin): not before the minimal inspect size or
 * the body limit is stored, the message is done, or that side's stream ended. The loopback capture where this showed: a chunked POST whose
 * "&lt;?php system(" arrived in three segments alerted on the first pieces with us, on the
 * completed request with Suricata 7.0.10 (LoopbackAlertsTest, http-raw.pcap).
 */
class HttpBodyInspectionTest {
    private static HttpParser parser() {
        HttpConfig cfg = new HttpConfig();
        cfg.requestBodyMinimalInspectSize = 16;
        cfg.responseBodyMinimalInspectSize = 20;
        cfg.requestBodyLimit = 100;
        cfg.responseBodyLimit = 12;
        cfg.deferBodyInspection = true;
        return new HttpParser(cfg);
    }

    private static void feed(HttpParser p, boolean toServer, String s) {
        byte[] b = s.getBytes(ISO_8859_1);
        p.onData(toServer, b, 0, b.length);
    }

    private static String body(HttpParser p, boolean toServer) {
        Slice s = p.tx(0).inspectableBody(toServer);
        return s.array == null ? null : new String(s.array, s.offset, s.length, ISO_8859_1);
    }

    @Test
    void requestBodyWaitsForTheMinimalInspectSize() {
        HttpParser p = parser();
        feed(p, true, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 40\r\n\r\n0123456789");
        assertNull(body(p, true), "10 of 16 bytes");
        assertEquals("0123456789", p.tx(0).requestBody().toString(), "stored all the same");
        feed(p, true, "abcdef");
        assertEquals("0123456789abcdef", body(p, true));
    }

    @Test
    void withoutDeferringTheFirstBodyBytesAreInspected() {
        HttpConfig cfg = new HttpConfig();
        cfg.deferBodyInspection = false;
        HttpParser p = new HttpParser(cfg);
        feed(p, true, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 40\r\n\r\n0123");
        assertEquals("0123", body(p, true));
    }

    @Test
    void requestBodyOfACompleteMessageIsInspectedAtOnce() {
        HttpParser p = parser();
        feed(p, true, "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        assertNull(body(p, true));
        feed(p, true, "0\r\n\r\n");
        assertEquals("hello", body(p, true));
    }

    @Test
    void requestBodyCutShortIsInspectedOnlyWhenTheFlowEnds() {
        HttpParser p = parser();
        feed(p, true, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 40\r\n\r\nshort");
        assertNull(body(p, true));
        p.onEnd(true);
        assertNull(body(p, true), "the TCP close alone leaves the body held back (Suricata: flow end)");
        p.flowEnded(true);
        assertEquals("short", body(p, true));
    }

    @Test
    void responseBodyCutShortIsFinishedByTheClose() {
        HttpParser p = parser();
        feed(p, true, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        feed(p, false, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
        assertNull(body(p, false));
        p.onEnd(false);
        assertEquals("short", body(p, false), "libhtp finalizes a response cut short at close");
    }

    @Test
    void responseBodyIsInspectedOnceTheBodyLimitIsStored() {
        HttpParser p = parser();
        feed(p, true, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        feed(p, false, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456");
        assertNull(body(p, false), "7 bytes: under both the inspect size (20) and the limit (12)");
        feed(p, false, "789abcdef");
        assertEquals("0123456789ab", body(p, false), "the limit (12) is stored");
    }
}
