package dev.rampart.capture.file;

import static dev.rampart.capture.file.TestCaptureWriter.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.FrameSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers of a {@link FileFanout} share its grid of windows: each reader gets every frame whole
 * (frames straddling grid lines and frames longer than the overlap included), each window is mapped
 * once and unmapped once every reader has passed it, and a reader far ahead of the slowest waits.
 */
class FileFanoutTest {
    private static final int FRAMES = 3_000;
    private static final long WINDOW = 64 * 1024;
    private static final long OVERLAP = 4 * 1024;

    @TempDir
    Path dir;

    /** Mostly short frames; every 500th is longer than the overlap (a reader's private window). */
    private static int length(int i) {
        return i % 500 == 499 ? 9_000 + i % 7 : 40 + (i * 131) % 1461;
    }

    private Path pcap() throws IOException {
        return TestCaptureWriter.payloadPcap(dir.resolve("fanout.pcap"), FRAMES, i -> length(i));
    }

    private static List<byte[]> drain(FrameSource src, AtomicInteger progress) throws Exception {
        List<byte[]> got = new ArrayList<>();
        while (src.poll(fr -> {
            byte[] d = new byte[fr.captureLength];
            fr.buffer.get(fr.offset, d);
            got.add(d);
            if (progress != null) {
                progress.incrementAndGet();
            }
        }, 17) >= 0) {
            // drain
        }
        return got;
    }

    private static void assertWhole(List<byte[]> got) {
        assertEquals(FRAMES, got.size());
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(payload(length(i), i), got.get(i), "frame " + i);
        }
    }

    @Test
    void readersShareEachWindowOnceAndTheLastToPassUnmapsIt() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 3, WINDOW, OVERLAP, 1_000)) {
            assertTrue(fan.windowCount() > 30, fan.windowCount() + " windows");
            FrameSource a = fan.open();
            FrameSource b = fan.open();
            FrameSource c = fan.open();
            assertThrows(IllegalStateException.class, fan::open, "a fourth reader of three");
            // one after the other: the windows stay mapped until the third reader passes them
            assertWhole(drain(a, null));
            a.close();
            assertEquals(0, fan.mappedUnmapped()[1], "no window unmapped while two readers have not passed it");
            assertWhole(drain(b, null));
            b.close();
            assertWhole(drain(c, null));
            long[] before = fan.mappedUnmapped();
            c.close();
            long[] after = fan.mappedUnmapped();
            assertEquals(fan.windowCount(), after[0], "each window mapped once, by the first reader");
            assertEquals(after[0], after[1], "every window unmapped by the last reader to pass it");
            assertTrue(before[1] < after[1], "the last reader's own window is unmapped at its close");
        }
    }

    @Test
    void readersSideBySideGetEveryFrame() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 4, WINDOW, OVERLAP, 2)) {
            List<Thread> threads = new ArrayList<>();
            List<List<byte[]>> results = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                FrameSource src = fan.open();
                List<byte[]> out = new ArrayList<>();
                results.add(out);
                Thread t = new Thread(() -> {
                    try (src) {
                        out.addAll(drain(src, null));
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertEquals(List.of(), errors);
            for (List<byte[]> r : results) {
                assertWhole(r);
            }
            long[] mu = fan.mappedUnmapped();
            assertEquals(fan.windowCount(), mu[0]);
            assertEquals(mu[0], mu[1]);
        }
    }

    @Test
    void aReaderFarAheadWaitsForTheSlowest() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 3)) {
            FrameSource slow = fan.open();
            FrameSource fast = fan.open();
            AtomicInteger fastFrames = new AtomicInteger();
            List<byte[]> fastGot = new ArrayList<>();
            Thread t = new Thread(() -> {
                try (fast) {
                    fastGot.addAll(drain(fast, fastFrames));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            // the slow reader has not read at all (window 0): the fast one waits to enter window 4 (3 ahead at most)
            long deadline = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < deadline) {
                assertTrue(fan.windowOfReader(1) <= 4, "fast reader at window " + fan.windowOfReader(1));
                Thread.sleep(5);
            }
            assertTrue(fastFrames.get() < FRAMES, "the fast reader waits for the slow one");
            List<byte[]> slowGot = drain(slow, null);
            slow.close();
            t.join(30_000);
            assertWhole(slowGot);
            assertWhole(fastGot);
            // it waited while this thread slept 300 ms before reading: the wait is counted
            assertTrue(fan.maxLeadWaitMillis() >= 200, "lead wait " + fan.maxLeadWaitMillis() + " ms");
        }
    }

    @Test
    void theLeadGrowsWithTheReadersFromTwoWindows() throws Exception {
        assertEquals(2, FileFanout.lead(1));
        assertEquals(2, FileFanout.lead(2));
        assertEquals(3, FileFanout.lead(3));
        assertEquals(14, FileFanout.lead(14));
        // side by side, readers that keep together never wait
        try (FileFanout fan = FileFanout.of(pcap(), 1)) {
            FrameSource only = fan.open();
            assertWhole(drain(only, null));
            only.close();
            assertEquals(0, fan.maxLeadWaitMillis());
        }
    }
}
