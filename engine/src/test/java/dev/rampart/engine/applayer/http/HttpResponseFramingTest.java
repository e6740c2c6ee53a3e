package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Responses that have no body by their status (1xx, 204, 304) or switch protocols (101) are read
 * as ordinary responses when they announce a body with Content-Length or Transfer-Encoding, as
 * libhtp does ("Switching Protocol with Content-Length", "Unexpected Response body"). Measured
 * with suricata 7.0.10: file.data matched the announced body of 100, 101 (length and chunked),
 * 102, 204 and 304 responses, and a response after it was a transaction of its own. Before, a 101
 * always became a tunnel and the others ended at their headers, so the body went unseen (101) or
 * swallowed the next response as unexpected body lines.
 */
class HttpResponseFramingTest {
    private static final String GET = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";

    private static HttpParser exchange(String... responseChunks) {
        HttpParser p = new HttpParser(new HttpConfig());
        byte[] q = GET.getBytes(StandardCharsets.ISO_8859_1);
        p.onData(true, q, 0, q.length);
        for (String c : responseChunks) {
            byte[] b = c.getBytes(StandardCharsets.ISO_8859_1);
            p.onData(false, b, 0, b.length);
        }
        return p;
    }

    @Test
    void switchingProtocolsWithAContentLengthHasABodyAndNoTunnel() {
        HttpParser p = exchange("HTTP/1.1 101 OK\r\nContent-Length: 10\r\n\r\nAAchisel07HTTP/1.1 200 OK\r\n"
                + "Content-Length: 2\r\n\r\nok");
        assertEquals(2, p.txCount());
        assertEquals("AAchisel07", p.tx(0).responseBody().toString());
        assertEquals(200, p.tx(1).statusNumber());
        assertEquals("ok", p.tx(1).responseBody().toString());
    }

    @Test
    void switchingProtocolsWithAChunkedBody() {
        HttpParser p = exchange("HTTP/1.1 101 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nAAchisel04\r\n0\r\n\r\n");
        assertEquals("AAchisel04", p.tx(0).responseBody().toString());
        assertEquals(HttpTx.PROGRESS_COMPLETE, p.tx(0).responseProgress());
    }

    @Test
    void theBodyMayComeInALaterChunk() {
        HttpParser p = exchange("HTTP/1.1 101 OK\r\nContent-Length: 10\r\n\r\n", "AAchisel04");
        assertEquals("AAchisel04", p.tx(0).responseBody().toString());
    }

    @Test
    void switchingProtocolsWithoutALengthIsATunnel() {
        HttpParser p = exchange("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n\r\n", "\u0081\u0005hello");
        assertEquals(1, p.txCount());
        assertEquals("", p.tx(0).responseBody().toString());
        assertEquals(HttpParser.TUNNEL, p.state(false));
    }

    @Test
    void interimAndBodilessStatusesReadAnAnnouncedBody() {
        for (String status : new String[] {"100 Continue", "102 Processing", "204 No Content", "304 Not Modified"}) {
            HttpParser p = exchange("HTTP/1.1 " + status + "\r\nContent-Length: 10\r\n\r\nAAchisel03HTTP/1.1 200 OK\r\n"
                    + "Content-Length: 2\r\n\r\nok");
            assertEquals("AAchisel03", p.tx(0).responseBody().toString(), status);
            assertEquals(2, p.txCount(), status);
            assertEquals("ok", p.tx(1).responseBody().toString(), status);
        }
        // without a length a 100 stays interim: the final status line belongs to the same transaction
        HttpParser p = exchange("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertEquals(1, p.txCount());
        assertEquals(200, p.tx(0).statusNumber());
    }
}
