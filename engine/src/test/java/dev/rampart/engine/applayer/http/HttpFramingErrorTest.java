package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Message framing as libhtp reads it, and the framing it refuses: a Content-Length without digits
 * or a request Transfer-Encoding without "chunked" is a parser error, after which Suricata parses
 * nothing more of the flow (neither direction) and serves no header buffers of that message.
 * Every case measured with suricata 7.0.10 (rules on http.header, http.uri of a second request,
 * the response's status and body): before, these lengths were "absent" and parsing went on.
 */
class HttpFramingErrorTest {
    private static final String NEXT = "GET /b HTTP/1.1\r\nHost: y\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static void feed(HttpParser p, boolean toServer, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        p.onData(toServer, b, 0, b.length);
    }

    /** A request with {@code header}, its response, then a second request and its response. */
    private static HttpParser session(String header, String body) {
        HttpParser p = new HttpParser(new HttpConfig());
        feed(p, true, "POST /a HTTP/1.1\r\nHost: x\r\n" + header + "\r\nX-A: 1\r\n\r\n" + body);
        feed(p, false, OK);
        feed(p, true, NEXT);
        feed(p, false, OK);
        return p;
    }

    private static long parse(String v) {
        byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
        return HttpParser.parseContentLength(b, 0, b.length);
    }

    @Test
    void contentLengthIsTheFirstDigitRun() {
        assertEquals(12, parse("12abc"));
        assertEquals(1, parse("-1"));
        assertEquals(3, parse("3 3"));
        assertEquals(3, parse(" 3 "));
        assertEquals(HttpParser.INVALID_LENGTH, parse(""));
        assertEquals(HttpParser.INVALID_LENGTH, parse("abc"));
        assertEquals(HttpParser.INVALID_LENGTH, parse("99999999999999999999"));
    }

    @Test
    void aContentLengthWithoutDigitsStopsTheFlowsParsing() {
        for (String v : new String[] {"", "abc"}) {
            HttpParser p = session("Content-Length: " + v, "abc");
            assertEquals(1, p.txCount(), v);
            HttpTx t = p.tx(0);
            assertTrue(t.hasEvent(HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST), v);
            assertEquals("POST", t.method().toString());
            assertEquals(HttpTx.PROGRESS_HEADERS, t.requestProgress());
            assertEquals("", t.requestHeader().toString(), "no header buffers past an error");
            assertEquals("", t.requestHeaderNames().toString());
            assertEquals(HttpTx.PROGRESS_NONE, t.responseProgress(), "the response is not parsed either");
        }
    }

    @Test
    void digitsWithJunkAreALength() {
        HttpParser p = session("Content-Length: 3 3", "abc");
        assertEquals(2, p.txCount());
        assertEquals("abc", p.tx(0).requestBody().toString());
        assertTrue(p.tx(0).requestHeader().toString().contains("X-A: 1"));
        assertEquals("/b", p.tx(1).uri().toString());
    }

    @Test
    void aRequestTransferEncodingWithoutChunkedIsAnError() {
        for (String v : new String[] {"foo", "identity", "gzip", ""}) {
            HttpParser p = session("Transfer-Encoding: " + v, "");
            assertEquals(1, p.txCount(), v);
            assertTrue(p.tx(0).hasEvent(HttpEvent.INVALID_TRANSFER_ENCODING_VALUE_IN_REQUEST), v);
            assertEquals("", p.tx(0).requestHeader().toString(), v);
            assertEquals(HttpTx.PROGRESS_NONE, p.tx(0).responseProgress(), v);
        }
    }

    @Test
    void anInvalidRequestChunkLengthStopsTheResponsesToo() {
        HttpParser p = new HttpParser(new HttpConfig());
        feed(p, true, "GET /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, foo\r\nX-A: 1\r\n\r\n");
        feed(p, false, OK);
        feed(p, true, NEXT); // its request line is read as a chunk length
        feed(p, false, OK);
        assertEquals(1, p.txCount());
        assertTrue(p.tx(0).hasEvent(HttpEvent.INVALID_REQUEST_CHUNK_LEN));
        assertTrue(p.tx(0).requestHeader().toString().contains("X-A: 1"));
        assertEquals("ok", p.tx(0).responseBody().toString());
    }

    @Test
    void aResponseContentLengthWithoutDigitsIsAnErrorButNotAnUnknownTransferEncoding() {
        HttpParser p = new HttpParser(new HttpConfig());
        feed(p, true, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        feed(p, false, "HTTP/1.1 200 OK\r\nContent-Length: zz\r\nX-B: 1\r\n\r\nokok");
        feed(p, true, NEXT);
        assertTrue(p.tx(0).hasEvent(HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_RESPONSE));
        assertEquals("", p.tx(0).responseHeader().toString());
        assertEquals(1, p.txCount(), "no request is parsed after it");

        HttpParser q = new HttpParser(new HttpConfig());
        feed(q, true, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
        feed(q, false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: foo\r\nX-B: 1\r\n\r\nokok");
        feed(q, true, NEXT);
        assertFalse(q.tx(0).hasEvent(HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_RESPONSE));
        assertTrue(q.tx(0).responseHeader().toString().contains("X-B: 1"));
        assertEquals("okok", q.tx(0).responseBody().toString());
        assertEquals(2, q.txCount());
    }
}
