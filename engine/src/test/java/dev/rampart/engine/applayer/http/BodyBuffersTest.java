package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyBuffersTest {
    private static final int LIMIT = 100 * 1024;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void aLargeBodyReusesTheBufferARecycledMessageGaveBack() {
        HttpMessage a = new HttpMessage();
        byte[] first = bytes(40_000, 1);
        for (int off = 0; off < first.length; off += 1000) {
            a.appendBody(first, off, 1000, LIMIT);
        }
        assertEquals(40_000, a.bodyLen);
        assertArrayEquals(first, Arrays.copyOf(a.body, a.bodyLen));
        assertEquals(LIMIT, a.body.length, "past the kept size the body takes a buffer of the whole limit");
        byte[] buffer = a.body;
        a.recycle();
        assertEquals(0, a.bodySlice.length);

        HttpMessage b = new HttpMessage();
        byte[] second = bytes(30_000, 7);
        b.appendBody(second, 0, 10_000, LIMIT);
        b.appendBody(second, 10_000, 20_000, LIMIT);
        assertSame(buffer, b.body, "the next large body on this thread gets the given-back buffer");
        assertArrayEquals(second, Arrays.copyOf(b.body, b.bodyLen));
        assertEquals(30_000, b.bodySlice.length);
    }

    @Test
    void aSmallBodyKeepsItsOwnBufferAndTheCapStillHolds() {
        HttpMessage m = new HttpMessage();
        byte[] small = bytes(2_000, 3);
        m.appendBody(small, 0, small.length, LIMIT);
        byte[] own = m.body;
        m.recycle();
        assertSame(own, m.body, "a body buffer up to the kept size stays with the message");

        HttpMessage big = new HttpMessage();
        byte[] over = bytes(LIMIT + 500, 9);
        assertEquals(LIMIT, big.appendBody(over, 0, over.length, LIMIT));
        assertEquals(LIMIT, big.bodyLen);
        assertEquals(true, big.bodyTruncated);
        assertNotSame(own, big.body);
    }

    @Test
    void thePoolIsBoundedAndHandsOutOnlyBigEnoughBuffers() {
        BodyBuffers pool = new BodyBuffers();
        for (int i = 0; i < BodyBuffers.MAX_KEPT + 5; i++) {
            pool.give(new byte[32 * 1024]);
        }
        assertEquals(BodyBuffers.MAX_KEPT, pool.size());
        assertNull(pool.take(64 * 1024));
        assertEquals(32 * 1024, pool.take(20_000).length);
        assertEquals(BodyBuffers.MAX_KEPT - 1, pool.size());
        pool.give(new byte[BodyBuffers.MAX_POOLED_SIZE + 1]);
        assertEquals(BodyBuffers.MAX_KEPT, pool.size() + 1, "a buffer above the pooled size is not kept");
    }

    /** HttpSession.txVersion reads bodyLen for the body slice's length: they must never differ. */
    @Test
    void theBodySliceLengthFollowsBodyLenThroughAppendTruncationRecycleAndReset() {
        HttpMessage m = new HttpMessage();
        byte[] data = bytes(LIMIT + 3_000, 5);
        int[] lengths = new int[4];
        int k = 0;
        for (int off = 0; off < data.length; off += 30_000) {
            m.appendBody(data, off, Math.min(30_000, data.length - off), LIMIT);
            assertEquals(m.bodyLen, m.bodySlice.length);
            lengths[k++] = m.bodyLen;
        }
        assertArrayEquals(new int[] {30_000, 60_000, 90_000, LIMIT}, lengths);
        m.recycle();
        assertEquals(0, m.bodyLen);
        assertEquals(m.bodyLen, m.bodySlice.length);
        m.appendBody(data, 0, 500, LIMIT);
        assertEquals(500, m.bodySlice.length);
        m.reset();
        assertEquals(0, m.bodyLen);
        assertEquals(m.bodyLen, m.bodySlice.length);
    }
}
