package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.testutil.Http2Wire;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP/2 parser's transactions, states, events and buffers (Suricata 7's model). */
class Http2ParserTest {
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return Http2Wire.frame(type, flags, stream, payload);
    }

    private static byte[] block(String... nv) {
        return Http2Wire.block(Http2Wire.INDEXED_LITERAL, nv);
    }

    private static byte[] cat(byte[]... parts) {
        return Http2Wire.cat(parts);
    }

    private static void feed(Http2Parser p, boolean toServer, byte[] b) {
        p.onData(toServer, b, 0, b.length);
    }

    @Test
    void streamsStatesAndStreamZeroTransactions() {
        Http2Parser p = new Http2Parser(new HttpConfig());
        feed(p, true, cat(Http2Parser.PREFACE, frame(4, 0, 0, new byte[] {0, 3, 0, 0, 0, 100}),
                frame(4, 1, 0, new byte[0]),
                frame(1, 0x4, 1, block(":method", "POST", ":path", "/up", ":authority", "a.example"))));
        assertEquals(2, p.txCount()); // SETTINGS (stream 0) and stream 1; the ACK makes none
        HttpTx settings = p.tx(0);
        assertEquals(Http2Stream.GLOBAL, settings.http2().state);
        assertEquals(3, settings.http2().side(true).settings().get(0));
        HttpTx s1 = p.tx(1);
        assertEquals(Http2Stream.OPEN, s1.http2().state);
        assertEquals("POST", s1.method().toString());
        assertEquals("POST /up HTTP/2\r\n", s1.requestLine().toString());
        feed(p, true, frame(0, 0x1, 1, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Http2Stream.HALF_CLOSED_CLIENT, s1.http2().state);
        assertEquals("abc", s1.requestBody().toString());
        // the second block reuses the dynamic table: index 62 is the newest entry (:authority)
        feed(p, false, cat(frame(1, 0x4, 1, new byte[] {0x48, 3, '2', '0', '4'}), frame(0, 0x1, 1, new byte[0])));
        assertEquals(Http2Stream.CLOSED, s1.http2().state);
        assertEquals(204, s1.statusNumber());
        assertEquals("HTTP/2 204\r\n", s1.responseLine().toString());
        feed(p, true, frame(1, 0x5, 3, new byte[] {(byte) 0xbe, (byte) 0x82, (byte) 0x84}));
        HttpTx s3 = p.tx(2);
        assertEquals("a.example", s3.hostRaw().toString());
        assertEquals("GET", s3.method().toString());
    }

    @Test
    void continuationPaddingAndPriority() {
        Http2Parser p = new Http2Parser(new HttpConfig());
        byte[] b = block(":method", "GET", ":path", "/x", ":authority", "Host.Example:8443", "user-agent", "  u  ");
        byte[] first = java.util.Arrays.copyOfRange(b, 0, 7);
        byte[] rest = java.util.Arrays.copyOfRange(b, 7, b.length);
        // HEADERS: padded (2 bytes) with priority (weight 200), no END_HEADERS; CONTINUATION ends it
        byte[] hp = cat(new byte[] {2, 0, 0, 0, 0, (byte) 200}, first, new byte[] {0, 0});
        feed(p, true, cat(Http2Parser.PREFACE, frame(1, 0x8 | 0x20 | 0x1, 5, hp), frame(9, 0x4, 5, rest)));
        HttpTx t = p.tx(0);
        assertEquals("/x", t.uri().toString());
        assertEquals("host.example", t.host().toString());
        assertEquals(":method: GET\r\n:path: /x\r\n:authority: Host.Example:8443\r\nuser-agent: u\r\n",
                t.requestHeader().toString());
        assertEquals("\r\n:method\r\n:path\r\n:authority\r\nuser-agent\r\n\r\n", t.requestHeaderNames().toString());
        assertEquals(200, t.http2().side(true).priorities().get(0));
        assertTrue(t.http2().side(true).hasFrameType(Http2Parser.CONTINUATION));
    }

    @Test
    void eventsGoToTheNewestTransaction() {
        Http2Parser p = new Http2Parser(new HttpConfig());
        feed(p, true, cat(Http2Parser.PREFACE, frame(1, 0x5, 1, block(":method", "GET", ":path", "/", ":authority", "a"))));
        feed(p, false, cat(frame(1, 0x5, 1, block(":status", "200")), frame(3, 0, 1, new byte[] {0, 0})));
        HttpTx t = p.tx(0);
        assertTrue(t.http2().hasEvent(Http2Event.INVALID_FRAME_LENGTH)); // RST_STREAM of 2 bytes
        feed(p, true, frame(1, 0x5, 1, block(":method", "GET")));
        assertTrue(t.http2().hasEvent(Http2Event.STREAM_ID_REUSE));
        feed(p, true, frame(1, 0x5, 7, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}));
        assertTrue(p.tx(1).http2().hasEvent(Http2Event.INVALID_HEADER));
        feed(p, true, frame(1, 0x5, 9, block(":method", "GET", ":authority", "u:p@x", "host", "y")));
        assertTrue(p.tx(2).http2().hasEvent(Http2Event.USERINFO_IN_URI));
        assertTrue(p.tx(2).http2().hasEvent(Http2Event.AUTHORITY_HOST_MISMATCH));
        assertFalse(p.tx(0).http2().hasEvent(Http2Event.USERINFO_IN_URI));
    }

    @Test
    void aWrongPrefaceIsAnEventAndFramesAreStillRead() {
        Http2Parser p = new Http2Parser(new HttpConfig());
        feed(p, true, frame(4, 0, 0, new byte[] {0, 4, 0, 0, 0, 1}));
        // counted (no transaction yet to carry it, as Suricata's set_event on an empty list)
        assertEquals(1, p.errors());
        assertEquals(1, p.txCount());
        assertEquals(4, p.tx(0).http2().side(true).settings().get(0));
    }

    @Test
    void anHttp1UpgradeBecomesStreamOne() {
        HttpParser h1 = new HttpParser(new HttpConfig());
        byte[] req = ("GET /up HTTP/1.1\r\nHost: Up.Example\r\nUser-Agent: curl\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        h1.onData(true, req, 0, req.length);
        Http2Parser p = new Http2Parser(new HttpConfig());
        p.mimicHttp1Request(h1.tx(0));
        assertEquals(2, p.txCount());
        HttpTx s1 = p.tx(0);
        assertEquals(1, s1.http2().streamId);
        assertEquals("/up", s1.uri().toString());
        assertEquals("Up.Example", s1.hostRaw().toString());
        assertEquals(Http2Stream.HALF_CLOSED_CLIENT, s1.http2().state);
        Http2Stream.IntList st = p.tx(1).http2().side(true).settings();
        assertEquals(6, st.size()); // three settings: max streams 100, window 1073741824, push 0
        assertEquals(100, st.get(1));
    }

    @Test
    void aContinuationFloodIsBounded() {
        Http2Parser p = new Http2Parser(new HttpConfig());
        feed(p, true, cat(Http2Parser.PREFACE, frame(1, 0, 1, block(":method", "GET"))));
        byte[] filler = new byte[16000];
        java.util.Arrays.fill(filler, (byte) 0x82); // indexed :method GET, over and over
        for (int i = 0; i < 40; i++) { // 640 KB of CONTINUATION without END_HEADERS
            feed(p, true, frame(9, 0, 1, filler));
        }
        HttpTx t = p.tx(0);
        assertTrue(t.http2().hasEvent(Http2Event.INVALID_HEADER));
        assertTrue(t.http2().side(true).fragmentLen <= Http2Parser.MAX_BLOCK_BYTES);
        assertTrue(t.http2().side(true).bytesLen <= Http2Parser.MAX_FIELD_BYTES);
    }

    @Test
    void emptyFieldsAreBoundedToo() {
        // literal fields with an empty name and value (3 bytes each): 40 blocks of 15,000 of them
        Http2Parser p = new Http2Parser(new HttpConfig());
        feed(p, true, cat(Http2Parser.PREFACE, frame(1, 0x4, 1, block(":method", "GET"))));
        byte[] empty = new byte[45000];
        for (int i = 0; i < empty.length; i += 3) {
            empty[i] = 0x00; // literal without indexing, new name; lengths 0 and 0 follow
        }
        for (int i = 0; i < 40; i++) {
            feed(p, true, frame(1, 0x4, 1, empty));
        }
        Http2Stream.Side side = p.tx(0).http2().side(true);
        assertTrue(side.fieldCount() <= Http2Parser.MAX_FIELD_BYTES / Http2Parser.FIELD_OVERHEAD, "" + side.fieldCount());
        assertTrue(p.tx(0).http2().hasEvent(Http2Event.INVALID_HEADER));
    }

    @Test
    void eveObject() {
        Http2Parser p = new Http2Parser(new HttpConfig());
        feed(p, true, cat(Http2Parser.PREFACE, frame(1, 0x5 | 0x20, 1, cat(new byte[] {0, 0, 0, 0, 15},
                block(":method", "GET", ":path", "/p\"q", ":authority", "a", "user-agent", "ua")))));
        feed(p, false, cat(frame(1, 0x4, 1, block(":status", "206", "content-length", "2", "content-range", "bytes 3-4/9")),
                frame(0, 0x1, 1, new byte[] {'o', 'k'})));
        String json = new HttpEveJson().appendHttp2(p.tx(0), new StringBuilder()).toString();
        // length: the announced Content-Length; no content_range on HTTP/2 (suricata 7.0.10 logs it for HTTP/1 only)
        assertEquals("\"http\":{\"version\":\"2\",\"request_headers\":[{\"name\":\":method\",\"value\":\"GET\"},"
                + "{\"name\":\":path\",\"value\":\"/p\\\"q\"},{\"name\":\":authority\",\"value\":\"a\"},"
                + "{\"name\":\"user-agent\",\"value\":\"ua\"}],\"response_headers\":[{\"name\":\":status\",\"value\":\"206\"},"
                + "{\"name\":\"content-length\",\"value\":\"2\"},{\"name\":\"content-range\",\"value\":\"bytes 3-4/9\"}],"
                + "\"url\":\"/p\\\"q\",\"http_user_agent\":\"ua\",\"http_method\":\"GET\",\"status\":206,\"length\":2,"
                + "\"http2\":{\"stream_id\":1,\"request\":{\"priority\":15},\"response\":{}}}", json);
        // a WINDOW_UPDATE transaction: no object (the reference logs none)
        feed(p, true, frame(8, 0, 0, new byte[] {0, 0, 0, 1}));
        assertFalse(new Http2Session(new HttpConfig()).appendEve(p.tx(p.txCount() - 1), new StringBuilder()));
    }
}
