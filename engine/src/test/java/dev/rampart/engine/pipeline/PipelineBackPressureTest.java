package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Trace;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Drop accounting, blocking, bad frames and thread pinning of {@link WorkersPipeline}, with stand-in workers. */
class PipelineBackPressureTest {
    /** A worker that counts frames (and their first byte sum), optionally held on a latch or throwing. */
    static class StubPath implements WorkerPath {
        final CountDownLatch gate;
        final int throwEvery;
        long frames;
        long bytes;
        final AtomicInteger started;

        StubPath(CountDownLatch gate, int throwEvery, AtomicInteger started) {
            this.gate = gate;
            this.throwEvery = throwEvery;
            this.started = started;
        }

        @Override
        public void onFrame(Frame f) {
            if (started != null) {
                started.incrementAndGet();
            }
            if (gate != null) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            frames++;
            bytes += f.captureLength;
            if (throwEvery > 0 && frames % throwEvery == 0) {
                throw new IllegalStateException("bad frame " + f.index);
            }
        }

        @Override
        public void finish() {
        }

        @Override
        public Map<String, Object> stats(CaptureStats capture) {
            Map<String, Object> m = new LinkedHashMap<>();
            StatsTree.put(m, "decoder.pkts", frames);
            StatsTree.put(m, "decoder.bytes", bytes);
            return m;
        }

        @Override
        public long alertCount() {
            return 0;
        }
    }

    /** n UDP frames between a few address pairs. */
    private static byte[][] frames(int n) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        for (int i = 0; i < n; i++) {
            Host c = Host.of("10.0.0." + (1 + i % 9), "02:00:00:00:00:01");
            Host s = Host.of("192.0.2." + (1 + i % 4), "02:00:00:00:00:02");
            t.udp(c, 40000 + i, s, 53, i, new byte[] {(byte) i});
        }
        return t.packets().stream().map(PcapPacket::data).toArray(byte[][]::new);
    }

    private static void feed(WorkersPipeline p, byte[][] frames) {
        Frame f = new Frame();
        long index = 0;
        for (byte[] d : frames) {
            p.onFrame(f.set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET, index * 1000, ++index, 0));
        }
    }

    private static long stat(Map<String, Object> s, String k) {
        return (Long) StatsTree.get(s, k);
    }

    @Test
    void liveInputDropsWhenARingIsFullAndAccountsForEveryFrame() {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.live = true;
        o.ringSize = 8;
        o.publishBatch = 1;
        StubPath[] paths = new StubPath[2];
        WorkersPipeline p = new WorkersPipeline(2, o, i -> paths[i] = new StubPath(gate, 0, started));
        byte[][] frames = frames(400);
        feed(p, frames); // both workers are held on the gate: each ring fills, the rest is dropped
        long droppedWhileHeld = p.droppedRingFull();
        gate.countDown();
        p.finish();

        assertTrue(droppedWhileHeld > 0, "a held worker's ring overflows");
        assertTrue(droppedWhileHeld <= 400 - 2 * 8, "at most what did not fit in two rings: " + droppedWhileHeld);
        Map<String, Object> s = p.stats(null);
        assertEquals(400L, stat(s, "capture.received"));
        assertEquals(droppedWhileHeld, stat(s, "capture.dropped.ring_full"));
        assertEquals(stat(s, "capture.received"), stat(s, "capture.inspected") + stat(s, "capture.dropped.ring_full"));
        assertEquals(paths[0].frames + paths[1].frames, stat(s, "capture.inspected"));
        assertEquals(stat(s, "capture.inspected"), stat(s, "decoder.pkts"));
    }

    @Test
    void offlineInputWaitsForASlowWorkerAndDropsNothing() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.ringSize = 8;
        StubPath[] paths = new StubPath[2];
        WorkersPipeline p = new WorkersPipeline(2, o, i -> paths[i] = new StubPath(gate, 0, started));
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(200); // the capture thread has met full rings by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.countDown();
        });
        release.start();
        feed(p, frames(400));
        p.finish();
        release.join();

        Map<String, Object> s = p.stats(null);
        assertEquals(400L, stat(s, "capture.received"));
        assertEquals(400L, stat(s, "capture.inspected"));
        assertEquals(0L, stat(s, "capture.dropped.ring_full"));
        assertEquals(400L, paths[0].frames + paths[1].frames);
        assertTrue(stat(s, "rampart.pipeline.capture.ring_full_waits") > 0, "the capture thread waited");
    }

    @Test
    void aFrameThatThrowsIsCountedAndTheWorkerGoesOn() {
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.ringSize = 16;
        StubPath[] paths = new StubPath[2];
        WorkersPipeline p = new WorkersPipeline(2, o, i -> paths[i] = new StubPath(null, 10, null));
        feed(p, frames(300));
        p.finish();
        Map<String, Object> s = p.stats(null);
        assertEquals(300L, paths[0].frames + paths[1].frames);
        assertEquals(paths[0].frames / 10 + paths[1].frames / 10, stat(s, "rampart.pipeline.worker_errors"));
    }

    @Test
    void aFrameThatThrowsOnTheCaptureThreadIsCountedToo() {
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.captureIsWorker0 = true;
        o.ringSize = 16;
        StubPath[] paths = new StubPath[2];
        WorkersPipeline p = new WorkersPipeline(2, o, i -> paths[i] = new StubPath(null, 7, null));
        feed(p, frames(300));
        p.finish();
        Map<String, Object> s = p.stats(null);
        assertEquals(300L, stat(s, "capture.inspected"), "a frame that threw was still inspected");
        assertEquals(paths[0].frames / 7 + paths[1].frames / 7, stat(s, "rampart.pipeline.worker_errors"));
        assertTrue(paths[0].frames > 0 && paths[1].frames > 0);
    }

    @Test
    void oneOfflineWorkerRunsOnTheCallingThread() {
        Thread[] ran = new Thread[1];
        WorkersPipeline p = new WorkersPipeline(1, new WorkersPipeline.Options(), i -> new StubPath(null, 0, null) {
            @Override
            public void onFrame(Frame f) {
                ran[0] = Thread.currentThread();
                super.onFrame(f);
            }
        });
        feed(p, frames(5));
        p.finish();
        assertEquals(Thread.currentThread(), ran[0]);
        assertEquals(5L, stat(p.stats(null), "capture.inspected"));
    }

    /** Without a CPU list no worker asks for its affinity (the library's first call costs ~0.2 s at the start). */
    @Test
    void unpinnedWorkersDoNotQueryTheirAffinity() {
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.ringSize = 16;
        WorkersPipeline p = new WorkersPipeline(2, o, i -> new StubPath(null, 0, null));
        feed(p, frames(50));
        p.finish();
        for (int i = 0; i < 2; i++) {
            assertEquals(null, p.workerAffinity(i), "worker " + i);
        }
        assertEquals(null, StatsTree.get(p.stats(null), "rampart.pipeline.worker.1.pinned_cpu"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "capture thread is worker 0: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void workersArePinnedToTheConfiguredCpus(boolean captureIsWorker0) {
        BitSet mine = CpuPinning.currentAffinity();
        assumeTrue(mine != null && !mine.isEmpty(), "thread affinity is not available on this platform");
        int cpu = mine.nextSetBit(0); // a CPU this process may use
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.cpus = new int[] {cpu};
        o.ringSize = 16;
        o.captureIsWorker0 = captureIsWorker0;
        WorkersPipeline p = new WorkersPipeline(2, o, i -> new StubPath(null, 0, null));
        feed(p, frames(50));
        p.finish();
        BitSet expected = new BitSet();
        expected.set(cpu);
        for (int i = 0; i < 2; i++) {
            assertNotNull(p.workerAffinity(i), "worker " + i + " reports its affinity");
            assertEquals(expected, p.workerAffinity(i), "worker " + i);
        }
        assertEquals(mine, CpuPinning.currentAffinity(), "the capture thread has its CPUs back");
        Map<String, Object> s = p.stats(null);
        assertEquals((long) cpu, stat(s, "rampart.pipeline.worker.0.pinned_cpu"));
        assertEquals((long) cpu, stat(s, "rampart.pipeline.worker.1.pinned_cpu"));
    }

    @Test
    void cpuListsParseLikeTaskset() {
        assertArrayEquals(new int[] {0, 1}, CpuPinning.parse("0,1"));
        assertArrayEquals(new int[] {0, 2, 3, 4, 7}, CpuPinning.parse("0, 2-4,7"));
        assertArrayEquals(new int[0], CpuPinning.parse(""));
        assertThrows(IllegalArgumentException.class, () -> CpuPinning.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> CpuPinning.parse("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuPinning.parse("-1"));
    }
}
