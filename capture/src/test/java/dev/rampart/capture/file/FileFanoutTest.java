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
 * once and released once every reader has passed it, and a reader far ahead of the slowest waits.
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

    /** Drains {@code src} into {@code into} on a started thread, then closes it. */
    private static Thread drainOnThread(FrameSource src, List<byte[]> into, AtomicInteger progress) {
        Thread t = new Thread(() -> {
            try (src) {
                into.addAll(drain(src, progress));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        return t;
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

    /** A reader's work on a thread of its own. */
    @FunctionalInterface
    private interface ReaderWork {
        void run() throws Exception;
    }

    /** Runs each work on its own thread, side by side, and fails with whatever any of them threw. */
    private static void sideBySide(List<ReaderWork> works) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (ReaderWork w : works) {
            Thread t = new Thread(() -> {
                try {
                    w.run();
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
    }

    /**
     * Opens readers 0 .. n-1 of {@code fan}, drains them side by side (with {@code beside} on threads
     * of their own too) and checks that each got every frame whole.
     */
    private static void drainEachWhole(FileFanout fan, int n, ReaderWork... beside) throws Exception {
        List<List<byte[]>> results = new ArrayList<>();
        List<ReaderWork> works = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            FrameSource src = fan.open(r);
            List<byte[]> out = new ArrayList<>();
            results.add(out);
            works.add(() -> {
                try (src) {
                    out.addAll(drain(src, null));
                }
            });
        }
        works.addAll(List.of(beside));
        sideBySide(works);
        for (List<byte[]> r : results) {
            assertWhole(r);
        }
    }

    private static void assertWhole(List<byte[]> got) {
        assertEquals(FRAMES, got.size());
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(payload(length(i), i), got.get(i), "frame " + i);
        }
    }

    @Test
    void readersShareEachWindowOnceAndTheLastToPassReleasesIt() throws Exception {
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
            assertEquals(0, fan.readReleased()[1], "no window released while two readers have not passed it");
            assertWhole(drain(b, null));
            b.close();
            assertWhole(drain(c, null));
            long[] before = fan.readReleased();
            c.close();
            long[] after = fan.readReleased();
            assertEquals(fan.windowCount(), after[0], "each window mapped once, by the first reader");
            assertEquals(after[0], after[1], "every window released by the last reader to pass it");
            assertTrue(before[1] < after[1], "the last reader's own window is released at its close");
        }
    }

    @Test
    void readersSideBySideGetEveryFrame() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 4, WINDOW, OVERLAP, 2)) {
            drainEachWhole(fan, 4);
            long[] mu = fan.readReleased();
            assertEquals(fan.windowCount(), mu[0]);
            assertEquals(mu[0], mu[1]);
        }
    }

    @Test
    void prepareAllocatesTheStartingBuffersAndReadsTheFirstTwoWindows() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 2)) {
            fan.prepare();
            assertEquals(FileFanout.PREPARED_BUFFERS, fan.buffersAllocated());
            assertEquals(2, fan.readReleased()[0], "windows 0 and 1 read in");
            drainEachWhole(fan, 2);
            long[] rr = fan.readReleased();
            assertEquals(fan.windowCount(), rr[0], "the prepared windows were not read again");
            assertEquals(rr[0], rr[1]);
            // the lead's span (3 windows) and one being read; a fifth only where a read and a release cross
            assertTrue(fan.buffersAllocated() <= FileFanout.PREPARED_BUFFERS + 1, fan.buffersAllocated() + " buffers");
        }
    }

    @Test
    void prepareRacingTheReadersOrAfterThemChangesNoFrame() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 2)) {
            drainEachWhole(fan, 2, fan::prepare);
            fan.prepare(); // every reader has passed windows 0 and 1: nothing to read, no error
            long[] rr = fan.readReleased();
            assertEquals(fan.windowCount(), rr[0], "each window read once");
            assertEquals(rr[0], rr[1], "and released");
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
            Thread t = drainOnThread(fast, fastGot, fastFrames);
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

    /** A reader that needs the window another is reading in waits for it, and the wait is counted. */
    @Test
    void aWaitForAWindowAnotherReaderReadsInIsCounted() throws Exception {
        Path p = pcap();
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 3)) {
            java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            AtomicInteger reads = new AtomicInteger();
            FrameSource first = fan.open(); // opening reads window 0 (the file header)
            FrameSource second = fan.open();
            fan.beforeWindowRead = () -> {
                if (reads.getAndIncrement() == 0) { // the next read (window 1) is held up
                    reading.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            List<byte[]> firstGot = new ArrayList<>();
            Thread a = drainOnThread(first, firstGot, null);
            assertTrue(reading.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, fan.handoffWaitMillis());
            List<byte[]> secondGot = new ArrayList<>();
            Thread b = drainOnThread(second, secondGot, null);
            Thread.sleep(200); // the second reader waits for window 1 all this time
            go.countDown();
            a.join(30_000);
            b.join(30_000);
            assertWhole(firstGot);
            assertWhole(secondGot);
            assertTrue(fan.handoffWaitMillis() >= 100, "handoff wait " + fan.handoffWaitMillis() + " ms");
        }
    }

    /** A frame's worker from its bytes, as a flow affinity would: deterministic, about even over 3. */
    private static int ownerOfBytes(java.nio.ByteBuffer b, int off, int len, int linkType) {
        return ((b.get(off) & 0xFF) + len) % 3;
    }

    /**
     * Indexed: each reader is handed only its own worker's frames, numbered with their record
     * numbers in the file, and counts the others' as skipped (received = every record); together
     * the readers get every frame once.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"262144, true", "262144, false", "1000, false", "1, false"})
    void indexedReadersGetTheirOwnFramesNumberedInTheFile(int step, boolean readAhead) throws Exception {
        Path p = pcap();
        // windows read ahead of the walks, or by each walk as it goes: whole, in steps shorter than
        // most records, or byte by byte
        try (FileFanout fan = FileFanout.of(p, 3, WINDOW, OVERLAP, 2, step)) {
            assertTrue(fan.indexBy(FileFanoutTest::ownerOfBytes));
            fan.readsAhead(readAhead);
            int[] readerOf = new int[FRAMES];
            java.util.Arrays.fill(readerOf, -1);
            List<List<byte[]>> own = new ArrayList<>();
            long[] skipped = new long[3];
            long[] received = new long[3];
            List<ReaderWork> works = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                FrameSource src = fan.open();
                int me = r;
                List<byte[]> mine = new ArrayList<>();
                own.add(mine);
                works.add(() -> {
                    try (src) {
                        long[] last = {0};
                        dev.rampart.capture.FrameHandler h = new dev.rampart.capture.FrameHandler() {
                            @Override
                            public void onFrame(dev.rampart.capture.Frame fr) {
                                assertTrue(fr.index > last[0], "pcap_cnt rises: " + fr.index + " after " + last[0]);
                                assertEquals(mine.size() + 1 + skipped[me], fr.index,
                                        "the others' frames before it were announced as skipped");
                                last[0] = fr.index;
                                assertEquals(me, fr.owner);
                                assertTrue(fr.arrivalNanos != dev.rampart.capture.Frame.NO_ARRIVAL
                                        && fr.arrivalNanos - System.nanoTime() <= 0,
                                        "the frame carries when its window was indexed, before now");
                                synchronized (readerOf) {
                                    assertEquals(-1, readerOf[(int) fr.index - 1], "frame " + fr.index + " read twice");
                                    readerOf[(int) fr.index - 1] = me;
                                }
                                byte[] d = new byte[fr.captureLength];
                                fr.buffer.get(fr.offset, d);
                                mine.add(d);
                            }

                            @Override
                            public void onSkipped(int frames) {
                                assertTrue(frames > 0);
                                skipped[me] += frames;
                            }
                        };
                        while (src.poll(h, 17) >= 0) {
                            // drain
                        }
                        received[me] = src.stats().received;
                    }
                });
            }
            sideBySide(works);
            int[] next = new int[3];
            for (int i = 0; i < FRAMES; i++) {
                byte[] expected = payload(length(i), i);
                int w = ownerOfBytes(java.nio.ByteBuffer.wrap(expected), 0, expected.length, 1);
                assertEquals(w, readerOf[i], "frame " + i + "'s reader");
                assertArrayEquals(expected, own.get(w).get(next[w]++), "frame " + i);
            }
            for (int r = 0; r < 3; r++) {
                assertEquals(next[r], own.get(r).size());
                assertTrue(next[r] > FRAMES / 5, "every worker got frames: " + java.util.Arrays.toString(next));
                assertEquals(FRAMES, own.get(r).size() + skipped[r], "reader " + r + ": its frames and the others'");
                assertEquals(FRAMES, received[r], "reader " + r + " counts every record");
            }
            long[] mu = fan.readReleased();
            assertEquals(mu[0], mu[1], "every window released");
        }
    }

    /**
     * A capture whose frame i carries its flow key in its first 8 bytes (big-endian) and i in the
     * next 4: 40 flows at a time, each of 10 frames spread over 400, a new set every 400 frames; every
     * 97th frame has no key (reader 0's).
     */
    private Path keyedPcap(int frames) throws IOException {
        TestCaptureWriter.Pcap w = new TestCaptureWriter.Pcap(java.nio.ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < frames; i++) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(200 + (i * 37) % 700);
            b.putLong(0, i % 97 == 0 ? dev.rampart.capture.FrameKey.NONE : 1 + i % 40 + 40L * (i / 400)).putInt(8, i);
            w.record(i, 0, b.array());
        }
        return java.nio.file.Files.write(dir.resolve("keyed.pcap"), w.bytes());
    }

    private static long keyOf(java.nio.ByteBuffer b, int off, int len, int linkType) {
        return b.getLong(off);
    }

    /**
     * Balanced: each frame goes to exactly one reader, all frames of a key go to the reader that got
     * its first, and a frame without a key to reader 0.
     */
    @Test
    void balancedReadersGiveEachKeyOneReaderForGood() throws Exception {
        int frames = 8_000;
        Path p = keyedPcap(frames);
        try (FileFanout fan = FileFanout.of(p, 3, WINDOW, OVERLAP, 2)) {
            assertTrue(fan.balanceBy(FileFanoutTest::keyOf));
            assertTrue(fan.balanced() && fan.indexed());
            int[] readerOf = new int[frames];
            java.util.Arrays.fill(readerOf, -1);
            int[] own = new int[3];
            List<ReaderWork> works = new ArrayList<>();
            for (int r = 2; r >= 0; r--) { // opened by number, not in order
                FrameSource src = fan.open(r);
                int me = r;
                works.add(() -> {
                    try (src) {
                        while (src.poll(fr -> {
                            assertEquals(me, fr.owner);
                            assertEquals((int) fr.index - 1, fr.buffer.getInt(fr.offset + 8), "its own bytes");
                            synchronized (readerOf) {
                                assertEquals(-1, readerOf[(int) fr.index - 1], "frame " + fr.index + " read twice");
                                readerOf[(int) fr.index - 1] = me;
                            }
                            own[me]++;
                        }, 17) >= 0) {
                            // drain
                        }
                        assertEquals(frames, src.stats().received, "reader " + me + " counts every record");
                    }
                });
            }
            sideBySide(works);
            java.util.Map<Long, Integer> ownerOfKey = new java.util.HashMap<>();
            for (int i = 0; i < frames; i++) {
                int o = readerOf[i];
                assertTrue(o >= 0 && o < 3, "frame " + i + ": " + o);
                if (i % 97 == 0) {
                    assertEquals(0, o, "frame " + i + " has no key");
                } else {
                    long key = 1 + i % 40 + 40L * (i / 400);
                    assertEquals(ownerOfKey.computeIfAbsent(key, k -> o), o, "key " + key + " at frame " + i);
                }
            }
            assertEquals(frames, own[0] + own[1] + own[2]);
            for (int r = 0; r < 3; r++) {
                assertTrue(own[r] > frames / 6, "every reader got frames: " + java.util.Arrays.toString(own));
            }
            assertEquals(ownerOfKey.size(), fan.balancedKeys());
            assertThrows(IllegalStateException.class, () -> fan.open(1));
        }
    }

    /** A reader that takes long over its own frames gets fewer new keys than the one that does not. */
    @Test
    void aSlowReaderGetsFewerNewFlows() throws Exception {
        int frames = 8_000;
        Path p = keyedPcap(frames);
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 2)) {
            assertTrue(fan.balanceBy(FileFanoutTest::keyOf));
            int[] own = new int[2];
            List<ReaderWork> works = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                FrameSource src = fan.open(r);
                int me = r;
                works.add(() -> {
                    try (src) {
                        while (src.poll(fr -> {
                            if (fr.owner == me) {
                                own[me]++;
                                if (me == 1) {
                                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                                }
                            }
                        }, 17) >= 0) {
                            // drain
                        }
                    }
                });
            }
            sideBySide(works);
            assertEquals(frames, own[0] + own[1]);
            assertTrue(own[0] > 2 * own[1], "the fast reader took most: " + java.util.Arrays.toString(own));
        }
    }

    @Test
    void aReaderNumberOpensOnce() throws Exception {
        try (FileFanout fan = FileFanout.of(pcap(), 2, WINDOW, OVERLAP, 2)) {
            assertThrows(IllegalArgumentException.class, () -> fan.open(2));
            fan.open(1).close();
            assertThrows(IllegalArgumentException.class, () -> fan.open(1));
            FrameSource first = fan.open(); // the lowest number not open yet
            first.close();
            assertThrows(IllegalStateException.class, fan::open);
            assertThrows(IllegalStateException.class, () -> fan.balanceBy(FileFanoutTest::keyOf), "set before opening");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void anIndexedReaderStopsAtTheCorruptionAPlainReaderStopsAt(boolean readAhead) throws Exception {
        Path whole = pcap();
        byte[] bytes = java.nio.file.Files.readAllBytes(whole);
        for (int cut : new int[] {bytes.length - 5, bytes.length - 600, 24 + 7, (int) WINDOW * 3 + 11}) {
            Path p = dir.resolve("cut" + cut + ".pcap");
            java.nio.file.Files.write(p, java.util.Arrays.copyOf(bytes, cut));
            String plainError = null;
            int plainFrames = 0;
            try (FrameSource plain = CaptureFiles.open(p)) {
                while (plain.poll(fr -> { }, 64) >= 0) {
                    plainFrames = (int) plain.stats().received;
                }
            } catch (dev.rampart.capture.CaptureException e) {
                plainError = e.getMessage();
            }
            try (FileFanout fan = FileFanout.of(p, 1, WINDOW, OVERLAP, 2)) {
                assertTrue(fan.indexBy(FileFanoutTest::ownerOfBytes));
                fan.readsAhead(readAhead);
                FrameSource src = fan.open();
                String error = null;
                AtomicInteger frames = new AtomicInteger();
                try {
                    while (src.poll(fr -> frames.incrementAndGet(), 64) >= 0) {
                        // drain
                    }
                } catch (dev.rampart.capture.CaptureException e) {
                    error = e.getMessage();
                }
                src.close();
                assertTrue(plainError != null, "cut at " + cut);
                assertEquals(plainError, error, "cut at " + cut);
                assertEquals(plainFrames, frames.get(), "cut at " + cut);
            }
        }
    }

    /** A reader's frames (index, length, bytes when it is the owner or there is no owner) and how it ended. */
    private static String readAll(FrameSource src, int me) {
        StringBuilder sb = new StringBuilder();
        try {
            while (src.poll(fr -> {
                sb.append(fr.index).append(':').append(fr.captureLength).append(':').append(fr.originalLength);
                if (fr.owner < 0 || fr.owner == me) {
                    byte[] d = new byte[fr.captureLength];
                    fr.buffer.get(fr.offset, d);
                    sb.append(':').append(java.util.Arrays.hashCode(d)).append(':').append(fr.timestampNanos);
                }
                sb.append('\n');
            }, 64) >= 0) {
                // drain
            }
        } catch (dev.rampart.capture.CaptureException e) {
            sb.append("error ").append(e.getMessage());
        }
        return sb.toString();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void anIndexedReaderReadsADamagedFileAsAPlainReaderDoes(boolean readAhead) throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(pcap());
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<Integer> records = new ArrayList<>();
        for (int at = 24; at + 16 <= bytes.length; at += 16 + le.getInt(at + 8)) {
            records.add(at);
        }
        java.util.Random rnd = new java.util.Random(7);
        int errors = 0;
        for (int round = 0; round < 40; round++) {
            byte[] d = bytes.clone();
            for (int k = 0; k < 1 + rnd.nextInt(3); k++) { // a record header's lengths, or any byte
                int at = rnd.nextBoolean() ? records.get(rnd.nextInt(records.size())) + 8 + rnd.nextInt(8)
                        : 24 + rnd.nextInt(d.length - 24);
                d[at] = (byte) rnd.nextInt(256);
            }
            Path p = dir.resolve("damaged" + round + ".pcap");
            java.nio.file.Files.write(p, d);
            String plain;
            try (FrameSource src = CaptureFiles.open(p)) {
                plain = readAll(src, -1);
            }
            errors += plain.contains("error ") ? 1 : 0;
            try (FileFanout fan = FileFanout.of(p, 1, WINDOW, OVERLAP, 2, round % 2 == 0 ? FileFanout.STEP : 700)) {
                assertTrue(fan.indexBy((b, off, len, lt) -> 0));
                fan.readsAhead(readAhead);
                try (FrameSource src = fan.open()) {
                    // the one reader owns every frame: it reads them all, from the index
                    assertEquals(plain, readAll(src, 0), "round " + round);
                }
            }
        }
        assertTrue(errors >= 10, "damage that stops the reading: " + errors + " of 40 rounds");
    }

    @Test
    void warmUpHandsOverTheFirstFramesEachToOneReader() throws Exception {
        Path p = keyedPcap(3_000);
        long some = FileFanout.warmUp(p, 2, FileFanoutTest::keyOf, 1_000);
        assertTrue(some >= 1_000 && some < 1_000 + 2 * 64, "stops after the frames asked for (a poll each): " + some);
        assertEquals(3_000, FileFanout.warmUp(p, 3, FileFanoutTest::keyOf, 1_000_000), "every frame once, then the end");
        // the long records of pcap() take the private read of records longer than the small overlap
        assertEquals(FRAMES, FileFanout.warmUp(pcap(), 2, FileFanoutTest::keyOf, 1_000_000));
        Path ng = dir.resolve("w.pcapng");
        java.nio.file.Files.write(ng, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0,
            0, -1, -1, -1, -1, -1, -1, -1, -1, 28, 0, 0, 0});
        assertEquals(0, FileFanout.warmUp(ng, 2, FileFanoutTest::keyOf, 1_000), "pcapng is not balanced: nothing to warm");
        assertEquals(0, FileFanout.warmUp(dir.resolve("missing.pcap"), 2, FileFanoutTest::keyOf, 1_000), "no file: none");
    }

    @Test
    void onlyPcapIsIndexedAndOnlyBeforeTheReadersOpen() throws Exception {
        Path ng = dir.resolve("x.pcapng");
        java.nio.file.Files.write(ng, new byte[] {0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0,
            0, -1, -1, -1, -1, -1, -1, -1, -1, 28, 0, 0, 0});
        try (FileFanout fan = FileFanout.of(ng, 2)) {
            assertEquals(false, fan.indexBy(FileFanoutTest::ownerOfBytes), "pcapng: every reader walks");
        }
        try (FileFanout fan = FileFanout.of(pcap(), 2)) {
            fan.open().close();
            assertThrows(IllegalStateException.class, () -> fan.indexBy(FileFanoutTest::ownerOfBytes));
        }
    }

    /**
     * With a record index a window is read only up to the end of its last record: the overlap past
     * it, which a reader without an index needs, is not read again at the start of the next window.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void anIndexedWindowIsReadUpToItsLastRecordOnly(boolean readAhead) throws Exception {
        Path p = pcap();
        long size = java.nio.file.Files.size(p);
        long windows = (size + WINDOW - 1) / WINDOW;
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 2)) {
            assertTrue(fan.indexBy(FileFanoutTest::ownerOfBytes));
            fan.readsAhead(readAhead);
            FrameSource a = fan.open(0);
            FrameSource b = fan.open(1);
            sideBySide(List.of(() -> drain(a, null), () -> drain(b, null)));
            a.close();
            b.close();
            // window 0 is read whole (the index reads the file header from it), every other once to its
            // grid line or its last record's end; a record crossing a grid line may be read by both windows
            long crossing = windows * (1461 + 56) + (FRAMES / 500) * (9_006 + 16);
            assertTrue(fan.windowBytesRead() <= size + OVERLAP + crossing, fan.windowBytesRead() + " bytes read of " + size);
            assertTrue(fan.windowBytesRead() >= size, fan.windowBytesRead() + " bytes read of " + size);
        }
        try (FileFanout fan = FileFanout.of(p, 2, WINDOW, OVERLAP, 2)) {
            drainEachWhole(fan, 2);
            assertTrue(fan.windowBytesRead() >= size + (windows - 2) * OVERLAP,
                    "without an index every window has its overlap: " + fan.windowBytesRead() + " of " + size);
        }
    }

    @Test
    void manyReadersReadAheadOfTheWalksByDefault() throws Exception {
        Path p = pcap();
        try (FileFanout few = FileFanout.of(p, FileFanout.READ_AHEAD_READERS - 1);
                FileFanout many = FileFanout.of(p, FileFanout.READ_AHEAD_READERS)) {
            assertEquals(false, few.readsAhead());
            assertEquals(true, many.readsAhead());
            many.readsAhead(false);
            assertEquals(false, many.readsAhead());
        }
    }

    @Test
    void theLeadGrowsWithTheReadersFromTwoWindows() throws Exception {
        long perReader = FileFanout.LEAD_BYTES_PER_READER / FileFanout.WINDOW;
        assertEquals(2 * perReader, FileFanout.lead(1));
        assertEquals(2 * perReader, FileFanout.lead(2));
        assertEquals(3 * perReader, FileFanout.lead(3));
        assertEquals(14 * perReader, FileFanout.lead(14));
        assertEquals(16 << 20, FileFanout.lead(2) * FileFanout.WINDOW, "two readers: 16 MiB of lead");
        // side by side, readers that keep together never wait
        try (FileFanout fan = FileFanout.of(pcap(), 1)) {
            FrameSource only = fan.open();
            assertWhole(drain(only, null));
            only.close();
            assertEquals(0, fan.maxLeadWaitMillis());
        }
    }
}
