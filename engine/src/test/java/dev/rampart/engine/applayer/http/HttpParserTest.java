package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Expected buffer values marked "oracle" were read from suricata 7.0.10 (pcre captures of each
 * sticky buffer into pkt vars, logged in eve.json alert metadata) on the same bytes.
 */
class HttpParserTest {
    static final String REQ1 = "GET /A%41/./b/../C%u0044//e\\f%2fg;x?Q=%41+b#frag HTTP/1.1\r\nHost: WWW.Ex.com:8080\r\n"
            + "User-Agent: UA\r\nCookie: a=b\r\nX-Dup: 1\r\nX-Dup: 2\r\nX-Fold: a\r\n  b\r\n\r\n";
    static final String RESP1 = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: s=1\r\nServer: srv\r\n\r\nhello";

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static HttpParser parse(String req, String resp) {
        HttpParser p = new HttpParser(new HttpConfig());
        p.onData(true, b(req), 0, req.length());
        p.onData(false, b(resp), 0, resp.length());
        return p;
    }

    @Test
    void requestBuffersMatchSuricata() {
        HttpParser p = parse(REQ1, RESP1);
        assertEquals(1, p.txCount());
        HttpTx tx = p.tx(0);
        assertEquals(0, tx.id());
        assertEquals("GET", tx.method().toString());
        assertEquals("/AA/CD/e/f/g;x?Q=A+b#frag", tx.uri().toString()); // oracle
        assertEquals("/A%41/./b/../C%u0044//e\\f%2fg;x?Q=%41+b#frag", tx.uriRaw().toString()); // oracle
        assertEquals("HTTP/1.1", tx.requestProtocol().toString()); // oracle
        assertEquals("GET /A%41/./b/../C%u0044//e\\f%2fg;x?Q=%41+b#frag HTTP/1.1", tx.requestLine().toString());
        assertEquals("Host: WWW.Ex.com:8080\r\nUser-Agent: UA\r\nX-Dup: 1, 2\r\nX-Fold: a  b\r\n",
                tx.requestHeader().toString()); // oracle
        assertEquals("\r\nHost\r\nUser-Agent\r\nCookie\r\nX-Dup\r\nX-Fold\r\n\r\n",
                tx.requestHeaderNames().toString()); // oracle
        assertEquals("GET /A%41/./b/../C%u0044//e\\f%2fg;x?Q=%41+b#frag HTTP/1.1\r\nHost: WWW.Ex.com:8080\r\n"
                + "User-Agent: UA\r\nCookie: a=b\r\nX-Dup: 1, 2\r\nX-Fold: a  b\r\n\r\n", tx.requestStart().toString());
        assertEquals("Host: WWW.Ex.com:8080\r\nUser-Agent: UA\r\nCookie: a=b\r\nX-Dup: 1\r\nX-Dup: 2\r\nX-Fold: a\r\n"
                + "  b\r\n\r\n", tx.requestHeaderRaw().toString()); // oracle
        assertEquals("WWW.Ex.com", tx.host().toString()); // oracle
        assertEquals("WWW.Ex.com:8080", tx.hostRaw().toString()); // oracle
        assertEquals(8080, tx.hostPort());
        assertEquals("a=b", tx.cookie().toString()); // oracle
        assertEquals("UA", tx.userAgent().toString());
        // libhtp only flags repeated headers: suricata raised no request_header_repetition here
        assertFalse(tx.hasEvent(HttpEvent.REQUEST_HEADER_REPETITION));
    }

    @Test
    void responseBuffersMatchSuricata() {
        HttpTx tx = parse(REQ1, RESP1).tx(0);
        assertEquals("HTTP/1.1 200 OK", tx.responseLine().toString()); // oracle
        assertEquals("OK", tx.statusMessage().toString()); // oracle
        assertEquals("200", tx.statusCode().toString());
        assertEquals(200, tx.statusNumber());
        assertEquals("Content-Length: 5\r\nServer: srv\r\n", tx.responseHeader().toString()); // oracle: no Set-Cookie
        assertEquals("\r\nContent-Length\r\nSet-Cookie\r\nServer\r\n\r\n", tx.responseHeaderNames().toString());
        assertEquals("Content-Length: 5\r\nSet-Cookie: s=1\r\nServer: srv\r\n\r\n", tx.responseHeaderRaw().toString());
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: s=1\r\nServer: srv\r\n\r\n",
                tx.responseStart().toString());
        assertEquals("hello", tx.responseBody().toString()); // oracle (file.data)
        assertEquals("s=1", tx.header(false, HttpTx.SET_COOKIE, new dev.rampart.engine.applayer.Slice()).toString());
        assertTrue(tx.isComplete());
        assertEquals(5, tx.responseLength());
    }

    @Test
    void uriNormalisationMatchesSuricata() {
        // every pair checked with suricata 7.0.10 (http.uri via pcre capture)
        String[][] cases = {
            {"/q?a=%u0041%2f\\x/./y/../z//w&b=%zz%4", "/q?a=%u0041/\\x/./y/../z//w&b=%zz%4"},
            {"/p%zz%4g%u00zz%00x%c0%afy%e2%80%a6", "/p%zz%4g%u00zz\0x/y?"},
            {"/a/b/../../../c/./d/.", "/c/d"},
            {"http://User:Pw@Host.COM:81/x/%41?y#z", "/x/A?y#z"},
            {"/a%2e%2e/b/%2e%2e/c", "/a../c"},
            {"/x+y%20z%7e%25", "/x+y z~%"},
            {"/semi;a/../b", "/b"},
            {"*", "*"},
            {"//a//b///c", "/a/b/c"},
            {"/a/b/..", "/a"},
            {"/a%uff0fb", "/a/b"},
            {"http://Host.Example", ""},
            {"/a/%2e/b", "/a/b"},
            {"/a%5cb", "/a/b"},
            {"/A%2fB?%2f%5c#x%41", "/A/B?/\\#xA"},
        };
        for (String[] c : cases) {
            HttpParser p = parse("GET " + c[0] + " HTTP/1.1\r\nHost: h\r\n\r\n", "");
            assertEquals(c[1], p.tx(0).uri().toString(), c[0]);
        }
        HttpParser c = parse("CONNECT Ex.com:443 HTTP/1.1\r\nHost: ex.com:443\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n");
        assertEquals("", c.tx(0).uri().toString()); // oracle
        assertEquals("ex.com", c.tx(0).host().toString()); // oracle (eve hostname, http.host)
        assertEquals(443, c.tx(0).hostPort()); // oracle (eve http_port)
        // Suricata 8 (libhtp-rs): words between the URI and a final "HTTP/..." belong to the URI
        HttpParser sp = parse("GET /uri afterspace  HTTP/1.1\r\nHost: h\r\n\r\n", "");
        assertEquals("/uri afterspace", sp.tx(0).uri().toString());
        assertEquals("HTTP/1.1", sp.tx(0).request.protocol.toString());
        HttpParser notProto = parse("GET /uri after space\r\nHost: h\r\n\r\n", "");
        assertEquals("/uri", notProto.tx(0).uri().toString());
        // Suricata 8 (bug 7851): "CONNECT /" without a Host header has no http.host at all
        HttpParser noHost = parse("CONNECT / HTTP/1.1\r\nX: 1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n");
        assertTrue(noHost.tx(0).host().isEmpty(), noHost.tx(0).host().toString());
        HttpParser p = parse("GET http://User:Pw@Host.COM:81/x HTTP/1.1\r\nHost: h\r\n\r\n", "");
        assertEquals("host.com", p.tx(0).host().toString()); // oracle
        assertEquals(81, p.tx(0).hostPort());
        assertTrue(p.tx(0).hasEvent(HttpEvent.HOST_HEADER_AMBIGUOUS)); // oracle anomaly
    }

    /** A fingerprint of everything a parser exposes, to compare different input splits. */
    static String dump(HttpParser p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.txCount(); i++) {
            HttpTx t = p.tx(i);
            sb.append(t.id()).append('|').append(t.method()).append('|').append(t.uri()).append('|')
                    .append(t.uriRaw()).append('|').append(t.requestProtocol()).append('|').append(t.requestHeader())
                    .append('|').append(t.requestHeaderRaw()).append('|').append(t.requestHeaderNames()).append('|')
                    .append(t.requestStart()).append('|').append(t.host()).append('|').append(t.hostRaw()).append('|')
                    .append(t.requestBody()).append('|').append(t.responseLine()).append('|')
                    .append(t.responseHeader()).append('|').append(t.responseHeaderRaw()).append('|')
                    .append(t.responseBody()).append('|').append(t.requestProgress()).append(t.responseProgress())
                    .append('|').append(Long.toHexString(t.eventBits())).append('|').append(t.responseLength())
                    .append('\n');
        }
        sb.append(p.gapsUnparseable()).append(' ').append(p.bytesDiscarded());
        return sb.toString();
    }

    static String pipelined() {
        return "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nxyz\r\n2\r\n!!\r\n0\r\n"
                + "Trailer: t\r\n\r\n"
                + "\r\nGET /4\n";
    }

    static String pipelinedResponses() {
        return "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nnope\r\n0\r\n\r\n"
                + "HTTP/1.0 200 OK\nContent-Length: 1\n\nZ";
    }

    @Test
    void contentLengthBodiesAreStoredInOneArrayCappedAtTheLimit() {
        HttpConfig cfg = new HttpConfig();
        cfg.responseBodyLimit = 3000;
        for (int len : new int[] {700, 3000, 9000}) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < len; i++) {
                body.append((char) ('a' + i % 26));
            }
            byte[] resp = b("HTTP/1.1 200 OK\r\nContent-Length: " + len + "\r\n\r\n" + body);
            HttpParser p = new HttpParser(cfg);
            p.onData(true, b("GET / HTTP/1.1\r\nHost: h\r\n\r\n"), 0, 27);
            java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            // 100-byte pieces: with doubling the body array would be replaced several times
            for (int off = 0; off < resp.length; off += 100) {
                p.onData(false, resp, off, Math.min(100, resp.length - off));
                if (p.tx(0).response.bodyLen > 0) {
                    arrays.add(p.tx(0).response.body);
                }
            }
            HttpMessage m = p.tx(0).response;
            assertEquals(1, arrays.size(), "len " + len);
            assertEquals(Math.min(len, 3000), m.body.length);
            assertEquals(body.substring(0, Math.min(len, 3000)), p.tx(0).responseBody().toString());
            assertEquals(len > 3000, m.bodyTruncated);
        }
    }

    @Test
    void pipeliningPairsResponsesInOrder() {
        HttpParser p = parse(pipelined(), pipelinedResponses());
        assertEquals(4, p.txCount());
        assertEquals("/1", p.tx(0).uri().toString());
        assertEquals(200, p.tx(0).statusNumber());
        assertEquals("ok", p.tx(0).responseBody().toString());
        assertEquals("abc", p.tx(1).requestBody().toString());
        assertEquals(404, p.tx(1).statusNumber());
        assertEquals("nope", p.tx(1).responseBody().toString());
        // the blank line after the last chunk is body data of that request (libhtp's REQ_FINALIZE)
        assertEquals("xyz!!\r\n", p.tx(2).requestBody().toString());
        assertTrue(p.tx(2).hasEvent(HttpEvent.REQUEST_CHUNK_EXTENSION));
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(2).requestProgress());
        assertEquals("Z", p.tx(2).responseBody().toString());
        assertTrue(p.tx(3).isHttp09());
        assertEquals("/4", p.tx(3).uri().toString());
        assertEquals(HttpTx.PROGRESS_NONE, p.tx(3).responseProgress());
        assertEquals(3, p.releaseComplete());
        assertEquals(1, p.txCount());
        assertEquals(3, p.tx(0).id());
    }

    @Test
    void anySplitGivesTheSameResult() {
        // without the blank line after the chunked request: where chunks end decides whether it is
        // that request's body (libhtp's REQ_FINALIZE, HttpRequestFinalizeTest) or an ignored line
        byte[] req = b(pipelined().replace("\r\n\r\n\r\nGET /4", "\r\n\r\nGET /4"));
        byte[] resp = b(pipelinedResponses());
        HttpParser whole = new HttpParser(new HttpConfig());
        whole.onData(true, req, 0, req.length);
        whole.onData(false, resp, 0, resp.length);
        String expected = dump(whole);
        HttpParser bytes = new HttpParser(new HttpConfig());
        for (int i = 0; i < Math.max(req.length, resp.length); i++) {
            if (i < req.length) {
                bytes.onData(true, req, i, 1);
            }
            if (i < resp.length) {
                bytes.onData(false, resp, i, 1);
            }
        }
        assertEquals(expected, dump(bytes));
        java.util.Random r = new java.util.Random(7);
        for (int round = 0; round < 50; round++) {
            HttpParser q = new HttpParser(new HttpConfig());
            // each direction split at random; responses never run ahead of their requests
            int a = 0, c = 0;
            while (a < req.length) {
                int n = Math.min(req.length - a, 1 + r.nextInt(20));
                q.onData(true, req, a, n);
                a += n;
            }
            while (c < resp.length) {
                {
                    int n = Math.min(resp.length - c, 1 + r.nextInt(20));
                    q.onData(false, resp, c, n);
                    c += n;
                }
            }
            assertEquals(expected, dump(q));
        }
    }

    @Test
    void gzipResponseIsDecompressedAndLengthCountsFraming() throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(b("hello gzip world ".repeat(100)));
        }
        byte[] z = bo.toByteArray();
        String head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(z.length) + "\r\n";
        HttpParser p = new HttpParser(new HttpConfig());
        p.onData(true, b("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 0, 27);
        byte[] h = b(head);
        p.onData(false, h, 0, h.length);
        for (int i = 0; i < z.length; i++) {
            p.onData(false, z, i, 1);
        }
        byte[] t = b("\r\n0\r\n\r\n");
        p.onData(false, t, 0, t.length);
        HttpTx tx = p.tx(0);
        assertEquals("hello gzip world ".repeat(100), tx.responseBody().toString());
        // libhtp's response_message_len: chunk data plus chunk-size lines and data CRLFs (not the trailer end)
        assertEquals(z.length + Integer.toHexString(z.length).length() + 2 + 2 + 3, tx.responseLength());
        assertTrue(tx.isComplete());
    }

    @Test
    void bodyLimitAndCorruptGzip() {
        HttpConfig cfg = new HttpConfig();
        cfg.responseBodyLimit = 10;
        HttpParser p = new HttpParser(cfg);
        p.onData(true, b("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"), 0, 54);
        String r = "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n01234567890123456789"
                + "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnotz";
        p.onData(false, b(r), 0, r.length());
        assertEquals("0123456789", p.tx(0).responseBody().toString());
        assertEquals(1, p.bodyTruncated());
        assertTrue(p.tx(1).hasEvent(HttpEvent.GZIP_DECOMPRESSION_FAILED));
        assertEquals("notz", p.tx(1).responseBody().toString());
    }

    @Test
    void responseWithoutRequestAndMissingHost() {
        HttpParser p = parse("GET /x HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(2, p.txCount());
        assertTrue(p.tx(0).hasEvent(HttpEvent.MISSING_HOST_HEADER));
        assertTrue(p.tx(1).hasEvent(HttpEvent.UNABLE_TO_MATCH_RESPONSE_TO_REQUEST));
        assertEquals(1, p.tx(1).id());
    }

    @Test
    void connectTunnelStopsParsing() {
        HttpParser p = parse("CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n\u0016\u0003\u0001junk",
                "HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0003more");
        p.onData(true, b("GET / HTTP/1.1\r\n\r\n"), 0, 18);
        assertEquals(1, p.txCount());
        assertEquals(HttpParser.TUNNEL, p.state(true));
        assertEquals(HttpParser.TUNNEL, p.state(false));
    }

    @Test
    void invalidContentLengthLeadingWhitespaceAndMissingColon() {
        HttpParser p = parse("  GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\nContent-Length: 1x\r\n\r\n", "");
        HttpTx tx = p.tx(0);
        assertTrue(tx.hasEvent(HttpEvent.REQUEST_LINE_LEADING_WHITESPACE));
        assertTrue(tx.hasEvent(HttpEvent.REQUEST_FIELD_MISSING_COLON));
        // digits with junk after them are libhtp's length (a warning only: suricata, no event)
        assertFalse(tx.hasEvent(HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST));
        assertEquals(1, tx.requestContentLength);
        assertEquals("GET", tx.method().toString());
        assertTrue(tx.requestHeader().toString().contains(": nocolon\r\n"));
    }

    @Test
    void gapInBodyIsSkippedGapInHeadersStopsDirection() {
        HttpParser p = new HttpParser(new HttpConfig());
        byte[] r = b("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
        p.onData(true, r, 0, r.length);
        p.onGap(true, 5);
        p.onData(true, b("cde"), 0, 3);
        assertEquals("abcde", p.tx(0).requestBody().toString());
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(0).requestProgress());
        p.onData(true, b("GET /x HTT"), 0, 10);
        p.onGap(true, 3);
        p.onData(true, b("GET /y HTTP/1.1\r\n\r\n"), 0, 19);
        assertEquals(2, p.txCount());
        assertEquals(1, p.gapsUnparseable());
    }

    @Test
    void longLinesAreBoundedAndCounted() {
        HttpConfig cfg = new HttpConfig();
        cfg.fieldLimit = 100;
        HttpParser p = new HttpParser(cfg);
        List<byte[]> parts = new ArrayList<>();
        parts.add(b("GET / HTTP/1.1\r\nX: "));
        for (int i = 0; i < 1000; i++) {
            parts.add(b("aaaaaaaaaa"));
        }
        parts.add(b("\r\nHost: h\r\n\r\n"));
        for (byte[] x : parts) {
            p.onData(true, x, 0, x.length);
        }
        HttpTx tx = p.tx(0);
        assertTrue(tx.hasEvent(HttpEvent.REQUEST_FIELD_TOO_LONG));
        assertEquals(1, p.fieldTooLong());
        assertTrue(tx.request.headLen < 200);
        assertEquals("h", tx.host().toString());
        assertFalse(tx.requestHeader().isEmpty());
    }

    @Test
    void resetReusesTheParserWithTheSameResults() {
        HttpParser p = parse(pipelined(), pipelinedResponses());
        String first = dump(p);
        p.reset();
        assertEquals(0, p.txCount());
        byte[] q = b(pipelined());
        byte[] r = b(pipelinedResponses());
        p.onData(true, q, 0, q.length);
        p.onData(false, r, 0, r.length);
        assertEquals(first, dump(p));
        assertEquals(0, p.tx(0).id());
    }

    @Test
    void liveTransactionsAreBoundedByMaxTx() {
        HttpConfig cfg = new HttpConfig();
        cfg.maxTx = 5;
        HttpParser p = new HttpParser(cfg);
        byte[] one = b("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
        for (int i = 0; i < 50; i++) {
            p.onData(true, one, 0, one.length);
        }
        assertEquals(5, p.txCount());
        assertEquals(45, p.txEvicted());
        assertEquals(49, p.tx(4).id());
        assertEquals(50, p.txOpened());
    }

    @Test
    void headerAccessorsReturnIndependentSlices() {
        HttpTx tx = parse(REQ1, RESP1).tx(0);
        dev.rampart.engine.applayer.Slice cookie = tx.cookie();
        dev.rampart.engine.applayer.Slice ua = tx.userAgent();
        dev.rampart.engine.applayer.Slice server = tx.server();
        assertEquals("a=b", cookie.toString());
        assertEquals("UA", ua.toString());
        assertEquals("srv", server.toString());
        assertEquals("s=1", tx.setCookie().toString());
    }

    @Test
    void aRecycledTransactionLetsGoOfALargeBodyAndKeepsItsHead() {
        String big = "x".repeat(40_000);
        String resp = "HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\nServer: srv\r\n\r\n" + big;
        String small = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        HttpParser p = new HttpParser(new HttpConfig());
        String req = "GET /one HTTP/1.1\r\nHost: a\r\n\r\n";
        p.onData(true, b(req), 0, req.length());
        p.onData(false, b(resp), 0, resp.length());
        HttpTx first = p.tx(0);
        assertEquals(big.length(), first.responseBody().length);
        assertTrue(p.release(first));
        // an alert on the released transaction is written afterwards from its head
        assertEquals("/one", first.uri().toString());
        assertEquals("srv", first.server().toString());
        assertEquals(0, first.responseBody().length);
        // the pooled transaction serves the next exchange, small and then large bodies again
        String req2 = "GET /two HTTP/1.1\r\nHost: a\r\n\r\nGET /three HTTP/1.1\r\nHost: a\r\n\r\n";
        p.onData(true, b(req2), 0, req2.length());
        p.onData(false, b(small + resp), 0, small.length() + resp.length());
        assertEquals(2, p.txCount());
        assertEquals("/two", p.tx(0).uri().toString());
        assertEquals("hello", p.tx(0).responseBody().toString());
        assertEquals("/three", p.tx(1).uri().toString());
        assertEquals(big, p.tx(1).responseBody().toString());
    }
}
