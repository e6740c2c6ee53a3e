package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Block bookkeeping of the pending raw stream bytes: gaps, jumps, consumption and the size cap. */
class StreamWindowTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String block(StreamWindow w, int i) {
        return new String(w.buf, w.blockStarts[i], w.blockEnd(i) - w.blockStarts[i], StandardCharsets.ISO_8859_1);
    }

    @Test
    void contiguousDataIsOneBlock() {
        StreamWindow w = new StreamWindow();
        w.append(b("abc"), 0, 3, 0);
        w.append(b("def"), 0, 3, 3);
        assertEquals(1, w.blockCount);
        assertEquals("abcdef", block(w, 0));
    }

    @Test
    void reportedGapAndOffsetJumpStartNewBlocks() {
        StreamWindow w = new StreamWindow();
        w.append(b("VERY"), 0, 4, 0);
        w.gap();
        w.append(b("DATA"), 0, 4, 8);
        w.append(b("MORE"), 0, 4, 12);   // contiguous with DATA: same block
        w.append(b("LAST"), 0, 4, 20);   // jump without a gap report
        assertEquals(3, w.blockCount);
        assertEquals("VERY", block(w, 0));
        assertEquals("DATAMORE", block(w, 1));
        assertEquals("LAST", block(w, 2));
        w.consumed();
        assertEquals(0, w.length);
        assertEquals(24, w.startOffset);
        w.append(b("next"), 0, 4, 24);
        assertEquals(1, w.blockCount);
        assertEquals("next", block(w, 0));
    }

    @Test
    void overflowDropsOldestBytesAndTheirBlocks() {
        StreamWindow w = new StreamWindow();
        byte[] big = new byte[StreamWindow.MAX - 10];
        Arrays.fill(big, (byte) 'x');
        w.append(b("0123456789"), 0, 10, 0);
        w.gap();
        w.append(big, 0, big.length, 100);
        w.append(b("tail"), 0, 4, 100 + big.length);
        // 4 bytes too many: the first block loses its first 4 bytes
        assertEquals(StreamWindow.MAX, w.length);
        assertEquals(4, w.droppedBytes);
        assertEquals(2, w.blockCount);
        assertEquals("456789", block(w, 0));
        assertArrayEquals(b("tail"), Arrays.copyOfRange(w.buf, w.length - 4, w.length));
    }

    @Test
    void anInspectedWindowLendsItsBufferToTheNextWindowWithBytes() {
        StreamWindow.Buffers buffers = new StreamWindow.Buffers(4);
        StreamWindow a = new StreamWindow();
        StreamWindow b = new StreamWindow();
        a.append(b("GET / HTTP/1.1"), 0, 14, 0, buffers);
        byte[] lent = a.buf;
        a.consumed(buffers);
        assertEquals(0, a.buf.length, "an inspected window holds no buffer");
        assertEquals(1, buffers.size());
        b.append(b("HTTP/1.1 200 OK"), 0, 15, 0, buffers);
        assertSame(lent, b.buf, "the next window with bytes takes the kept buffer");
        assertEquals("HTTP/1.1 200 OK", block(b, 0));
        assertEquals(0, buffers.size());
        // an inspected window starts again from the offset it reached, in a kept buffer or a new one
        a.append(b("more"), 0, 4, 14, buffers);
        assertEquals("more", block(a, 0));
        assertEquals(14, a.startOffset);
    }

    @Test
    void anOutgrownBufferIsKeptAndBigOnesAreNot() {
        StreamWindow.Buffers buffers = new StreamWindow.Buffers(4);
        StreamWindow w = new StreamWindow();
        byte[] data = new byte[StreamWindow.KEEP_ON_RECYCLE + 1];
        w.append(data, 0, 100, 0, buffers);
        byte[] first = w.buf;
        w.append(data, 0, 5000, 100, buffers);
        assertEquals(1, buffers.size(), "the outgrown 4 KiB buffer was kept");
        assertEquals(5100, w.length);
        w.append(data, 0, data.length, 5100, buffers);
        w.consumed(buffers);
        assertEquals(2, buffers.size(), "a buffer above the kept size stays with its window");
        assertEquals(true, w.buf.length > StreamWindow.KEEP_ON_RECYCLE);
        StreamWindow other = new StreamWindow();
        other.append(data, 0, 10, 0, buffers);
        assertEquals(8192, other.buf.length, "the newest kept buffer first");
        assertEquals(1, buffers.size());
        assertSame(first, buffers.take(1), "the 4 KiB one is still kept");
    }
}
