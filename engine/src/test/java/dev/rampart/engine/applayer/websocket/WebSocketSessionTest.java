package dev.rampart.engine.applayer.websocket;

import static dev.rampart.engine.testutil.WebSocketWire.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class WebSocketSessionTest {
    private final WebSocketCounters counters = new WebSocketCounters();
    private final WebSocketSession s = new WebSocketSession(counters);

    private void send(boolean toServer, byte[] b) {
        s.onData(toServer, b, 0, b.length);
        s.onChunkEnd(toServer);
    }

    private WebSocketTx tx(int i) {
        return (WebSocketTx) s.tx(i);
    }

    private static String text(WebSocketTx t) {
        Slice out = new Slice();
        t.payload(out);
        return new String(out.array, out.offset, out.length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void maskedFramesAreUnmaskedAndSplitFramesWait() {
        byte[] f = frame(0x81, 0x11223344L, "hello websocket".getBytes(StandardCharsets.US_ASCII));
        s.onData(true, f, 0, 3);
        s.onChunkEnd(true);
        assertEquals(0, s.txCount());
        s.onData(true, f, 3, f.length - 3);
        s.onChunkEnd(true);
        assertEquals(1, s.txCount());
        assertEquals("hello websocket", text(tx(0)));
        assertEquals(0x11223344L, tx(0).mask());
        assertEquals(1, tx(0).opcode());
        assertTrue(s.txInDirection(tx(0), true));
        send(false, frame(0x8A, -1, new byte[0]));
        assertEquals(10, tx(1).opcode());
        assertEquals(-1, tx(1).mask());
        assertEquals("pong", WebSocketTx.opcodeName(tx(1).opcode()));
    }

    @Test
    void fragmentsAreReassembledIntoTheLastFrame() {
        send(true, frame(0x01, -1, "part one, ".getBytes(StandardCharsets.US_ASCII)));
        send(true, frame(0x89, -1, "ping".getBytes(StandardCharsets.US_ASCII)));
        send(true, frame(0x80, -1, "part two".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(3, s.txCount());
        assertEquals("part one, ", text(tx(0)));
        // as Suricata 8 reassembles: any frame joins an open message, and the first one with FIN (here a
        // control frame) ends it and carries it; the frame after starts afresh
        assertEquals("part one, ping", text(tx(1)));
        assertEquals("part two", text(tx(2)));
    }

    @Test
    void compressedMessagesKeepTheWindowAcrossMessages() {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] one = deflate(d, "TOGGLE=first-value");
        byte[] two = deflate(d, "TOGGLE=first-value again");
        send(false, frame(0xC1, -1, one));
        send(false, frame(0xC1, -1, two));
        assertEquals("TOGGLE=first-value", text(tx(0)));
        assertEquals("TOGGLE=first-value again", text(tx(1)));
        send(false, frame(0xC1, -1, new byte[] {(byte) 0xFF, (byte) 0xFF, 1}));
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, 1}, payload(tx(2)), "nothing inflates: the bytes as sent");
        assertEquals(1, counters.inflateFailed);
    }

    /** A message as permessage-deflate sends it: a sync flush with its 00 00 ff ff tail taken off. */
    private static byte[] deflate(Deflater d, String text) {
        d.setInput(text.getBytes(StandardCharsets.US_ASCII));
        byte[] buf = new byte[256];
        int n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(buf, n - 4);
    }

    private static byte[] payload(WebSocketTx t) {
        Slice out = new Slice();
        t.payload(out);
        return Arrays.copyOfRange(out.array, out.offset, out.offset + out.length);
    }

    @Test
    void payloadsPastTheLimitKeepTheirStart() {
        byte[] big = new byte[WebSocketSession.MAX_PAYLOAD + 1000];
        big[0] = 'S';
        byte[] f = frame(0x82, -1, big);
        byte[] both = Arrays.copyOf(f, f.length + 2);
        System.arraycopy(frame(0x89, -1, new byte[0]), 0, both, f.length, 2);
        s.onData(true, both, 0, 40000);
        s.onChunkEnd(true);
        assertEquals(0, s.txCount());
        s.onData(true, both, 40000, both.length - 40000);
        s.onChunkEnd(true);
        assertEquals(2, s.txCount());
        assertTrue(tx(0).skipped());
        assertEquals(WebSocketSession.MAX_PAYLOAD, payload(tx(0)).length);
        assertEquals(9, tx(1).opcode(), "the frame after the passed-over bytes is read");
        assertEquals(1000, counters.bytesSkipped);
    }

    @Test
    void aGapEndsParsing() {
        s.onGap(true, 10);
        send(true, frame(0x81, -1, new byte[] {'x'}));
        assertEquals(0, s.txCount());
        assertEquals(1, counters.lostAfterGap);
        assertFalse(s.txCount() > 0);
    }
}
