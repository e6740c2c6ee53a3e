package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.StreamFrames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the HTTP/1 parser puts request and response frames, as Suricata 7's app-layer-htp.c:
 * a frame starts on the first byte the parser takes for a new message and ends where libhtp
 * completes it (head, body and body framing); gaps count in offsets and lengths. Lengths and
 * offsets marked "oracle" are the frame events suricata-oracle logged for the same bytes.
 */
class HttpFramesTest {
    private static final int ALL = (1 << StreamFrames.STREAM) | (1 << StreamFrames.HTTP1_REQUEST)
            | (1 << StreamFrames.HTTP1_RESPONSE);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HttpParser parser() {
        HttpConfig c = new HttpConfig();
        c.frameTypes = ALL;
        return new HttpParser(c);
    }

    /** Frames of one direction as "type@offset+length#tx" (length -1 while open). */
    private static List<String> frames(HttpParser p, boolean ts) {
        StreamFrames f = p.frames();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.count(ts); i++) {
            String t = switch (f.type(ts, i)) {
                case StreamFrames.STREAM -> "stream";
                case StreamFrames.HTTP1_REQUEST -> "request";
                default -> "response";
            };
            out.add(t + "@" + f.offset(ts, i) + "+" + f.length(ts, i) + (f.txId(ts, i) >= 0 ? "#" + f.txId(ts, i) : ""));
        }
        return out;
    }

    private static String bytes(HttpParser p, boolean ts, int frame) {
        StreamFrames f = p.frames();
        Slice s = new Slice();
        long off = f.offset(ts, frame);
        long at = f.chunk(ts, off, off + f.length(ts, frame), s);
        return at + ":" + s;
    }

    @Test
    void requestFrameIsTheWholeRequestAsInAlertTestmyidsFrames() {
        HttpParser p = parser();
        String req = "GET / HTTP/1.1\r\nHost: www.testmyids.com\r\nUser-Agent: curl/7.43.0\r\nAccept: */*\r\n\r\n";
        p.onData(true, b(req), 0, req.length());
        assertEquals(List.of("stream@0+-1", "request@0+81#0"), frames(p, true)); // oracle: length 81
        assertEquals("0:" + req, bytes(p, true, 1));
    }

    @Test
    void responseFrameCoversHeadAndBody() {
        HttpParser p = parser();
        p.onData(true, b("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 0, 27);
        String res = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        p.onData(false, b(res), 0, 20);
        assertEquals(List.of("stream@0+-1", "response@0+-1#0"), frames(p, false), "open until the body ends");
        p.onData(false, b(res), 20, res.length() - 20);
        assertEquals(List.of("stream@0+-1", "response@0+" + res.length() + "#0"), frames(p, false));
    }

    @Test
    void pipelinedRequestsGetOneFrameEachWithTheirTransaction() {
        HttpParser p = parser();
        String two = "GET /1 HTTP/1.0\r\nUser-Agent: Mozilla\r\n\r\nGET /2 HTTP/1.0\r\nUser-Agent: Mozilla\r\n\r\n";
        p.onData(true, b(two), 0, two.length());
        // oracle (http-gap-simple): requests of 40 bytes at offsets 0 and 40, tx 0 and 1
        assertEquals(List.of("stream@0+-1", "request@0+40#0", "request@40+40#1"), frames(p, true));
    }

    @Test
    void chunkedBodyFramingAndTrailerAreInTheFrame() {
        HttpParser p = parser();
        p.onData(true, b("GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 0, 27);
        String res = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n";
        p.onData(false, b(res), 0, res.length());
        assertEquals(List.of("stream@0+-1", "response@0+" + res.length() + "#0"), frames(p, false));
    }

    @Test
    void emptyLinesAfterARequestLengthenItsFrameInTheSameChunkAndStartTheNextOneLater() {
        HttpParser p = parser();
        String s = "GET /a HTTP/1.0\r\n\r\n\r\nGET /b HTTP/1.0\r\n\r\n";
        p.onData(true, b(s), 0, s.length());
        // libhtp's REQ_FINALIZE takes the empty line as body of /a and completes /a on the next request line
        assertEquals(List.of("stream@0+-1", "request@0+21#0", "request@21+19#1"), frames(p, true));

        HttpParser q = parser();
        q.onData(true, b(s), 0, 19);
        q.onData(true, b(s), 19, s.length() - 19);
        // /a completed when its chunk ended: the empty line is the first byte of /b's frame
        assertEquals(List.of("stream@0+-1", "request@0+19#0", "request@19+21#1"), frames(q, true));
    }

    @Test
    void aGapInTheBodyCountsInTheLengthAndSplitsTheBytes() {
        HttpParser p = parser();
        p.onData(true, b("GET /2 HTTP/1.0\r\n\r\n"), 0, 19);
        String head = "HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\n";
        p.onData(false, b(head), 0, head.length());
        p.onData(false, b("AAA"), 0, 3);
        p.onGap(false, 4);
        p.onData(false, b("AAA"), 0, 3);
        int len = head.length() + 10;
        assertEquals(List.of("stream@0+-1", "response@0+" + len + "#0"), frames(p, false));
        StreamFrames f = p.frames();
        Slice s = new Slice();
        assertEquals(0, f.chunk(false, 0, len, s));
        assertEquals(head + "AAA", s.toString());
        assertEquals(head.length() + 7, f.chunk(false, head.length() + 3, len, s), "the run after the gap");
        assertEquals("AAA", s.toString());
    }

    @Test
    void aGapThatEndsTheBodyEndsTheFrameAtTheBodyEnd() {
        HttpParser p = parser();
        p.onData(true, b("GET / HTTP/1.0\r\n\r\n"), 0, 18);
        String head = "HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\n";
        p.onData(false, b(head), 0, head.length());
        p.onData(false, b("AA"), 0, 2);
        p.onGap(false, 2);
        assertEquals(List.of("stream@0+-1", "response@0+" + (head.length() + 4) + "#0"), frames(p, false));
    }

    @Test
    void anySplitGivesTheSameFrames() {
        // no lines between messages: libhtp's frames of those depend on how the input is split
        String req = "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /x HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /y\r\n";
        HttpParser whole = parser();
        whole.onData(true, b(req), 0, req.length());
        whole.onEnd(true);
        List<String> expected = frames(whole, true);
        assertEquals(4, expected.size(), expected.toString());
        for (int cut = 1; cut < req.length(); cut++) {
            HttpParser p = parser();
            p.onData(true, b(req), 0, cut);
            p.onData(true, b(req), cut, req.length() - cut);
            p.onEnd(true);
            assertEquals(expected, frames(p, true), "split at " + cut);
        }
    }

    @Test
    void aResponseDelimitedByTheCloseStaysOpenUntilTheEnd() {
        HttpParser p = parser();
        p.onData(true, b("GET / HTTP/1.0\r\n\r\n"), 0, 18);
        String res = "HTTP/1.0 200 OK\r\n\r\nbody until close";
        p.onData(false, b(res), 0, res.length());
        assertEquals(List.of("stream@0+-1", "response@0+-1#0"), frames(p, false));
        p.onEnd(false);
        assertEquals(List.of("stream@0+-1", "response@0+" + res.length() + "#0"), frames(p, false));
    }
}
