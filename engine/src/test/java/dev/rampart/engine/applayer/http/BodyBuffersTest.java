package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rampart.engine.testutil.FreshThread;
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
    void aLargeBodyReusesTheBufferARecycledMessageGaveBack() throws InterruptedException {
        FreshThread.run(() -> {
            HttpMessage a = new HttpMessage();
            byte[] first = bytes(40_000, 1);
            for (int off = 0; off < first.length; off += 1000) {
                a.appendBody(first, off, 1000, LIMIT);
            }
            assertEquals(40_000, a.bodyLen);
            assertArrayEquals(first, Arrays.copyOf(a.body, a.bodyLen));
            assertEquals(64 * 1024, a.body.length, "a body of unknown length doubles through the size classes");
            byte[] buffer = a.body;
            a.recycle();
            assertEquals(0, a.bodySlice.length);

            HttpMessage b = new HttpMessage();
            b.bodySizeHint = 50_000;
            byte[] second = bytes(30_000, 7);
            b.appendBody(second, 0, 10_000, LIMIT);
            assertSame(buffer, b.body, "the next body of that class on this thread gets the given-back buffer");
            b.appendBody(second, 10_000, 20_000, LIMIT);
            assertSame(buffer, b.body, "an announced length takes its whole class at once: no growth");
            assertArrayEquals(second, Arrays.copyOf(b.body, b.bodyLen));
            assertEquals(30_000, b.bodySlice.length);
        });
    }

    @Test
    void outgrownBuffersGoBackAndTheNextBodiesAllocateNothing() throws InterruptedException {
        FreshThread.run(() -> {
            BodyBuffers pool = BodyBuffers.ofThisThread();
            HttpMessage a = new HttpMessage();
            byte[] data = bytes(40_000, 5);
            for (int off = 0; off < data.length; off += 1000) {
                a.appendBody(data, off, 1000, LIMIT);
            }
            assertEquals(4, pool.size(), "the 4, 8, 16 and 32 KiB buffers it outgrew were given back");
            a.recycle();
            assertEquals(5, pool.size());
            // a second body of the same growth takes every buffer back from the pool
            java.util.Set<byte[]> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            HttpMessage b = new HttpMessage();
            for (int off = 0; off < data.length; off += 1000) {
                b.appendBody(data, off, 1000, LIMIT);
                kept.add(b.body);
            }
            assertArrayEquals(data, Arrays.copyOf(b.body, b.bodyLen));
            assertEquals(4, pool.size(), "each step took a kept buffer and gave the outgrown one back");
            b.recycle();
            assertEquals(5, pool.size(), "no buffer was made for the second body");
        });
    }

    @Test
    void aKnownLengthTakesTheClassThatHoldsItCappedAtTheLimit() throws InterruptedException {
        FreshThread.run(() -> {
            HttpMessage m = new HttpMessage();
            m.bodySizeHint = 5_000;
            m.appendBody(bytes(3_000, 2), 0, 3_000, LIMIT);
            assertEquals(8 * 1024, m.body.length);
            HttpMessage big = new HttpMessage();
            big.bodySizeHint = 70_000;
            big.appendBody(bytes(3_000, 2), 0, 3_000, LIMIT);
            assertEquals(LIMIT, big.body.length, "the class above 64 KiB is the limit itself");
            assertEquals(4096, BodyBuffers.sizeClass(10, LIMIT));
            assertEquals(4096, BodyBuffers.sizeClass(4096, LIMIT));
            assertEquals(8192, BodyBuffers.sizeClass(4097, LIMIT));
        });
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
