package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Lines after a request without a body (or after its body) are libhtp's REQ_FINALIZE: a line that
 * starts no request is the finished request's body, but only until its input chunk ends at a line
 * boundary; then the request is complete and later bytes start a new request. Measured with
 * suricata 7.0.10 on the same bytes (one TCP segment per chunk): http.request_body and the
 * transaction ids of its alerts. Before, the request was complete at the end of its headers, and
 * body lines from later chunks were appended to it after its inspection.
 */
class HttpRequestFinalizeTest {
    private static final String HEAD = "POST /a HTTP/1.1\r\nHost: x\r\n\r\n";

    private static HttpParser parse(String... chunks) {
        HttpParser p = new HttpParser(new HttpConfig());
        for (String c : chunks) {
            byte[] b = c.getBytes(StandardCharsets.ISO_8859_1);
            p.onData(true, b, 0, b.length);
        }
        return p;
    }

    private static String body(HttpTx t) {
        return t.requestBody().toString();
    }

    @Test
    void linesInTheSameChunkAreBodyUntilTheClose() {
        HttpParser p = parse(HEAD + "user=\r\nXX: 1\r\n\r\nuser=&pass=");
        assertEquals(1, p.txCount());
        // the unterminated last line keeps the request open
        assertEquals(HttpTx.PROGRESS_BODY, p.tx(0).requestProgress());
        p.onEnd(true);
        assertEquals("user=\r\nXX: 1\r\n\r\nuser=&pass=", body(p.tx(0)));
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(0).requestProgress());
    }

    @Test
    void aChunkEndingAtALineBoundaryCompletesTheRequest() {
        HttpParser p = parse(HEAD + "user=\r\nmore=pass3\r\n");
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(0).requestProgress());
        assertEquals("user=\r\nmore=pass3\r\n", body(p.tx(0)));
    }

    @Test
    void aLaterChunkStartsTheNextRequest() {
        HttpParser p = parse(HEAD, "user=\r\nXX: 2\r\n\r\nuser=&pass=");
        p.onEnd(true);
        assertEquals(2, p.txCount());
        assertEquals("", body(p.tx(0)));
        assertEquals("user=", p.tx(1).method().toString());
    }

    @Test
    void aLineCutByTheChunkEndWaitsForItsRest() {
        HttpParser p = parse(HEAD + "user=\r\npa", "ss=4\r\n");
        assertEquals(1, p.txCount());
        assertEquals("user=\r\npass=4\r\n", body(p.tx(0)));
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(0).requestProgress());
    }

    @Test
    void aMethodLineCompletesTheRequestAndStartsTheNext() {
        HttpParser p = parse(HEAD + "junk\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(2, p.txCount());
        assertEquals("junk\r\n", body(p.tx(0)));
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(0).requestProgress());
        assertEquals("/b", p.tx(1).uri().toString());
    }
}
