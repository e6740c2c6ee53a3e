package dev.rampart.engine.applayer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFramesTest {
    private static final int ALL = (1 << StreamFrames.STREAM) | (1 << StreamFrames.HTTP1_REQUEST)
            | (1 << StreamFrames.HTTP1_RESPONSE);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The kept runs of [from, to) as text, runs separated by '|'. */
    private static String runs(StreamFrames f, boolean ts, long from, long to) {
        StringBuilder sb = new StringBuilder();
        Slice out = new Slice();
        for (long at = from; at < to; at += out.length) {
            at = f.chunk(ts, at, to, out);
            if (at < 0) {
                break;
            }
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(at).append(':').append(out);
        }
        return sb.toString();
    }

    @Test
    void streamFrameOpensAtTheFirstDataAndMessageFramesCloseWithTheirLength() {
        StreamFrames f = new StreamFrames(ALL);
        f.data(true, b("GET / HTTP/1.0\r\n\r\n"), 0, 18);
        long serial = f.open(true, StreamFrames.HTTP1_REQUEST, 0, 0);
        f.close(true, serial, 18);
        assertEquals(2, f.count(true));
        assertEquals(StreamFrames.STREAM, f.type(true, 0));
        assertEquals(-1, f.length(true, 0));
        assertEquals(StreamFrames.HTTP1_REQUEST, f.type(true, 1));
        assertEquals(18, f.length(true, 1));
        assertEquals(0, f.txId(true, 1));
        assertEquals(-1, f.txId(true, 0));
        assertEquals(0, f.count(false), "directions are apart");
        assertEquals(1, f.id(true, 0), "Suricata's FRAME_STREAM_ID");
        assertEquals(2, f.id(true, 1));
    }

    @Test
    void aGapSplitsTheBytesIntoRunsAtTheirStreamOffsets() {
        StreamFrames f = new StreamFrames(ALL);
        f.data(false, b("HEADAAAA"), 0, 8);
        f.gap(false, 4);
        f.data(false, b("BBBB"), 0, 4);
        assertEquals(16, f.end(false));
        assertEquals("0:HEADAAAA|12:BBBB", runs(f, false, 0, 16));
        assertEquals("2:ADAAAA|12:BB", runs(f, false, 2, 14));
        assertEquals("", runs(f, false, 8, 12), "nothing kept inside the gap");
    }

    @Test
    void pruneDropsInspectedFramesAndTheBytesLeftOfTheRest() {
        StreamFrames f = new StreamFrames((1 << StreamFrames.HTTP1_REQUEST));
        f.data(true, b("GET /a HTTP/1.0\r\n\r\nGET /b HT"), 0, 28);
        long a = f.open(true, StreamFrames.HTTP1_REQUEST, 0, 0);
        f.close(true, a, 19);
        f.open(true, StreamFrames.HTTP1_REQUEST, 19, 1);
        f.progress(true, 0, 19);
        f.prune(true);
        assertEquals(1, f.count(true));
        assertEquals(19, f.offset(true, 0));
        assertEquals(3, f.id(true, 0), "message frames count from 2 without a stream frame too");
        assertEquals(9, f.bytesKept(true), "only the open request's bytes stay");
        assertEquals("19:GET /b HT", runs(f, true, 19, 28));
    }

    @Test
    void withoutFrameRulesNothingIsKept() {
        StreamFrames f = new StreamFrames(0);
        f.data(true, b("GET / HTTP/1.0\r\n\r\n"), 0, 18);
        assertEquals(-1, f.open(true, StreamFrames.HTTP1_REQUEST, 0, 0));
        assertEquals(0, f.count(true));
        assertEquals(0, f.bytesKept(true));
        assertEquals(18, f.end(true));
    }

    @Test
    void bytesAreKeptOnlyInDirectionsWhereARecordedFrameCanBe() {
        StreamFrames f = new StreamFrames(1 << StreamFrames.HTTP1_REQUEST);
        f.data(true, b("GET"), 0, 3);
        f.data(false, b("HTTP"), 0, 4);
        assertEquals(3, f.bytesKept(true));
        assertEquals(0, f.bytesKept(false));
        assertEquals(4, f.end(false), "offsets still count");
    }

    @Test
    void boundedFramesAndBytes() {
        StreamFrames f = new StreamFrames(ALL);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 10; i++) {
            f.data(true, chunk, 0, chunk.length);
        }
        // the stream frame was never inspected: the oldest bytes went to stay within the bound
        assertEquals(StreamFrames.MAX_BYTES, f.bytesKept(true));
        assertEquals(10L * chunk.length - StreamFrames.MAX_BYTES, f.bytesDropped());
        long at = f.end(true) - StreamFrames.MAX_BYTES;
        assertEquals(at, f.chunk(true, 0, f.end(true), new Slice()), "what is kept is the newest stretch");
        for (int i = 0; i < StreamFrames.MAX_FRAMES + 5; i++) {
            f.open(true, StreamFrames.HTTP1_REQUEST, i, i);
        }
        assertEquals(StreamFrames.MAX_FRAMES, f.count(true));
        assertEquals(StreamFrames.STREAM, f.type(true, 0), "the stream frame is kept");
        assertEquals(6, f.framesDropped());
        assertEquals(6, f.txId(true, 1), "the oldest message frames went");
    }

    @Test
    void manyGapsKeepTheNewestBlocks() {
        StreamFrames f = new StreamFrames(1 << StreamFrames.STREAM);
        for (int i = 0; i < StreamFrames.MAX_BLOCKS + 2; i++) {
            f.data(false, b("xy"), 0, 2);
            f.gap(false, 1);
        }
        Slice out = new Slice();
        // blocks start every 3 bytes; the first two blocks were dropped to stay within MAX_BLOCKS
        assertEquals(6, f.chunk(false, 0, f.end(false), out));
        assertEquals(2, out.length);
        assertEquals(2L * 2, f.bytesDropped());
    }
}
