package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.testutil.FreshThread;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Only a body in progress holds an inflater; finished, truncated, failed and closed bodies give it back. */
class InflaterPoolTest {
    private static final int LIMIT = 100 * 1024;
    private final HttpConfig cfg = new HttpConfig();

    private static byte[] text(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + seed + i / 13) % 26);
        }
        return b;
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bo)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bo.toByteArray();
    }

    /** Feeds {@code data[from, to)} to {@code dec} in pieces of {@code step}. */
    private static void feed(HttpBodyDecoder dec, byte[] data, int from, int to, int step, HttpMessage m, HttpTx tx, HttpConfig cfg) {
        for (int off = from; off < to; off += step) {
            dec.decode(data, off, Math.min(step, to - off), m, LIMIT, tx, cfg);
        }
    }

    @Test
    void aFinishedGzipBodyGivesItsInflaterBackAndTheNextBodyReusesIt() throws InterruptedException {
        FreshThread.run(() -> {
            byte[] plain = text(20_000, 1);
            byte[] wire = gzip(plain);
            HttpBodyDecoder dec = new HttpBodyDecoder();
            HttpMessage m = new HttpMessage();
            HttpTx tx = new HttpTx();
            dec.start(HttpBodyDecoder.GZIP);
            int split = wire.length / 2;
            feed(dec, wire, 0, split, 700, m, tx, cfg);
            assertTrue(dec.holdsInflater(), "mid-body the decoder holds an inflater");
            assertEquals(0, InflaterPool.ofThisThread().kept());
            // the rest, with the 8-byte gzip trailer and stray bytes after it in the last piece
            byte[] tail = Arrays.copyOf(Arrays.copyOfRange(wire, split, wire.length), wire.length - split + 5);
            feed(dec, tail, 0, tail.length, 700, m, tx, cfg);
            assertArrayEquals(plain, Arrays.copyOf(m.body, m.bodyLen));
            assertFalse(dec.holdsInflater(), "the deflate stream ended: the inflater went back");
            assertEquals(1, InflaterPool.ofThisThread().kept());
            // bytes after the stream's end are not inflated: no failure, the body is unchanged
            dec.decode(new byte[] {1, 2, 3}, 0, 3, m, LIMIT, tx, cfg);
            assertFalse(tx.hasEvent(HttpEvent.GZIP_DECOMPRESSION_FAILED));
            assertEquals(plain.length, m.bodyLen);
            assertFalse(dec.holdsInflater());

            // another direction's body takes the kept inflater and decodes correctly with it
            HttpBodyDecoder other = new HttpBodyDecoder();
            HttpMessage m2 = new HttpMessage();
            byte[] plain2 = text(9_000, 5);
            byte[] wire2 = gzip(plain2);
            other.start(HttpBodyDecoder.GZIP);
            feed(other, wire2, 0, 40, 40, m2, tx, cfg);
            assertTrue(other.holdsInflater());
            assertEquals(0, InflaterPool.ofThisThread().kept(), "reused, not a new one");
            feed(other, wire2, 40, wire2.length, 333, m2, tx, cfg);
            assertArrayEquals(plain2, Arrays.copyOf(m2.body, m2.bodyLen));
            assertEquals(1, InflaterPool.ofThisThread().kept());
        });
    }

    @Test
    void anUnfinishedBodyGivesItBackWhenTheNextMessageStartsOrTheFlowCloses() throws InterruptedException {
        FreshThread.run(() -> {
            byte[] wire = gzip(text(30_000, 2));
            HttpBodyDecoder dec = new HttpBodyDecoder();
            HttpTx tx = new HttpTx();
            dec.start(HttpBodyDecoder.GZIP);
            feed(dec, wire, 0, wire.length / 3, 500, new HttpMessage(), tx, cfg);
            assertTrue(dec.holdsInflater());
            dec.start(HttpBodyDecoder.NONE);
            assertFalse(dec.holdsInflater());
            assertEquals(1, InflaterPool.ofThisThread().kept());

            dec.start(HttpBodyDecoder.DEFLATE);
            byte[] zlib = deflate(text(5_000, 3));
            feed(dec, zlib, 0, zlib.length / 2, 16, new HttpMessage(), tx, cfg);
            assertTrue(dec.holdsInflater());
            dec.close();
            assertFalse(dec.holdsInflater());
            assertEquals(2, InflaterPool.ofThisThread().kept(), "one raw, one zlib-wrapped");
        });
    }

    private static byte[] deflate(byte[] plain) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(plain);
        d.finish();
        byte[] out = new byte[plain.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void aBodyAtItsLimitAndACorruptBodyGiveItBack() throws InterruptedException {
        FreshThread.run(() -> {
            // incompressible enough to need many pieces, long enough to pass the limit
            byte[] plain = text(3 * LIMIT, 4);
            byte[] wire = gzip(plain);
            HttpBodyDecoder dec = new HttpBodyDecoder();
            HttpMessage m = new HttpMessage();
            HttpTx tx = new HttpTx();
            dec.start(HttpBodyDecoder.GZIP);
            feed(dec, wire, 0, wire.length, 1000, m, tx, cfg);
            assertEquals(LIMIT, m.bodyLen);
            assertTrue(m.bodyTruncated);
            assertArrayEquals(Arrays.copyOf(plain, LIMIT), Arrays.copyOf(m.body, m.bodyLen));
            assertFalse(dec.holdsInflater(), "nothing more is inflated past the limit");
            assertFalse(tx.hasEvent(HttpEvent.GZIP_DECOMPRESSION_FAILED));

            HttpMessage bad = new HttpMessage();
            dec.start(HttpBodyDecoder.GZIP);
            byte[] corrupt = gzip(text(2_000, 9));
            for (int i = 12; i < 40; i++) {
                corrupt[i] = (byte) 0xff;
            }
            feed(dec, corrupt, 0, corrupt.length, 64, bad, tx, cfg);
            assertTrue(tx.hasEvent(HttpEvent.GZIP_DECOMPRESSION_FAILED));
            assertFalse(dec.holdsInflater());
            assertTrue(bad.bodyLen > 0, "the rest of a corrupt body passes through undecoded");
        });
    }

    @Test
    void thePoolKeepsAtMostItsBoundAndEndsTheSurplus() throws InterruptedException {
        FreshThread.run(() -> {
            InflaterPool pool = InflaterPool.ofThisThread();
            Inflater[] taken = new Inflater[InflaterPool.MAX_KEPT + 3];
            for (int i = 0; i < taken.length; i++) {
                taken[i] = pool.take(true);
            }
            for (Inflater i : taken) {
                pool.give(i, true);
            }
            assertEquals(InflaterPool.MAX_KEPT, pool.kept());
            Inflater last = taken[taken.length - 1];
            assertThrowsNullPointer(last); // ended: its native memory is gone
            Inflater again = pool.take(true);
            assertSame(taken[InflaterPool.MAX_KEPT - 1], again, "last in, first out");
            assertNotSame(again, pool.take(false), "zlib-wrapped ones are kept apart");
        });
    }

    private static void assertThrowsNullPointer(Inflater ended) {
        try {
            ended.setInput(new byte[1]);
            ended.inflate(new byte[8]);
        } catch (NullPointerException | IllegalStateException e) {
            return;
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError("an ended inflater still inflated", e);
        }
        throw new AssertionError("an ended inflater still inflated");
    }
}
