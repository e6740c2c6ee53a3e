package dev.rampart.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameHandler;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The multi-worker packet pipeline (Suricata's autofp runmode) on an LMAX Disruptor ring: the
 * capture thread copies each frame once into a preallocated ring slot and tags it with its
 * worker ({@link FlowAffinity}: both directions of a flow, and its fragments, go to the same
 * worker); each of the N workers runs its own {@link PacketPath} — flow shard, TCP, app layer,
 * detection — over the slots tagged for it, with no locks between workers. Offline input blocks
 * when the ring is full (nothing is dropped); {@link #finish()} drains the ring, then ends every
 * worker's flows.
 */
public final class WorkersPipeline implements FrameHandler {
    /** One ring slot: a frame copy and its worker. Preallocated; the byte array only grows. */
    static final class Slot {
        byte[] data = new byte[2048];
        ByteBuffer view = ByteBuffer.wrap(data);
        int length;
        int originalLength;
        int linkType;
        long timestampNanos;
        long index;
        int worker;

        void copy(Frame f) {
            int n = f.captureLength;
            if (n > data.length) {
                data = new byte[Math.max(n, data.length * 2)];
                view = ByteBuffer.wrap(data);
            }
            f.buffer.get(f.offset, data, 0, n);
            length = n;
            originalLength = f.originalLength;
            linkType = f.linkType;
            timestampNanos = f.timestampNanos;
            index = f.index;
        }
    }

    /** Runs one worker's packet path over its slots. */
    private static final class Worker implements EventHandler<Slot> {
        final int id;
        final PacketPath path;
        final Frame frame = new Frame();
        long packets;
        /** {@link #packets} as of the end of the last batch, for readers on other threads. */
        volatile long packetsSeen;

        private final java.util.concurrent.CountDownLatch started;

        Worker(int id, PacketPath path, java.util.concurrent.CountDownLatch started) {
            this.id = id;
            this.path = path;
            this.started = started;
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onEvent(Slot s, long sequence, boolean endOfBatch) {
            if (s.worker == id) {
                packets++;
                path.onFrame(frame.set(s.view, 0, s.length, s.originalLength, s.linkType, s.timestampNanos, s.index, 0));
            }
            if (endOfBatch) {
                packetsSeen = packets;
            }
        }
    }

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final Worker[] workers;
    private final java.util.concurrent.CountDownLatch started;
    private boolean finished;
    /** Live input: a full ring drops the frame (counted) instead of blocking the capture thread. */
    private boolean dropWhenFull;
    private volatile long droppedRingFull;

    /**
     * @param workers  number of detection workers (≥ 1)
     * @param ringSize slots in the ring (a power of two)
     * @param paths    makes worker i's packet path (called once per worker, on this thread)
     */
    public WorkersPipeline(int workers, int ringSize, IntFunction<PacketPath> paths) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        this.workers = new Worker[workers];
        this.started = new java.util.concurrent.CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new Worker(i, paths.apply(i), started);
        }
        disruptor = new Disruptor<>(Slot::new, ringSize, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE,
                new BlockingWaitStrategy());
        disruptor.handleEventsWith(this.workers);
        ring = disruptor.start();
        // Disruptor's shutdown only waits for processors that are running; one whose thread has not
        // started yet is halted unstarted, and on a busy host a short input then ends uninspected
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Live input must never wait for the workers: with this on, a frame that finds the ring full
     * is dropped and counted ({@link #droppedRingFull()}) instead.
     */
    public void dropWhenFull(boolean on) {
        dropWhenFull = on;
    }

    /** Frames dropped because the ring was full (live input only). Readable from any thread. */
    public long droppedRingFull() {
        return droppedRingFull;
    }

    /**
     * Capture thread: copy the frame into the next slot; while the ring is full this blocks, or
     * drops the frame under {@link #dropWhenFull}.
     */
    @Override
    public void onFrame(Frame f) {
        long seq;
        if (dropWhenFull) {
            try {
                seq = ring.tryNext();
            } catch (com.lmax.disruptor.InsufficientCapacityException e) {
                droppedRingFull++; // single writer: the capture thread
                return;
            }
        } else {
            seq = ring.next();
        }
        try {
            Slot s = ring.get(seq);
            s.copy(f);
            s.worker = FlowAffinity.worker(s.data, s.length, s.linkType, workers.length);
        } finally {
            ring.publish(seq);
        }
    }

    /** End of input: waits until every worker has processed every slot, then ends each worker's flows. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        disruptor.shutdown();
        for (Worker w : workers) {
            w.path.finish();
        }
    }

    public int workerCount() {
        return workers.length;
    }

    /** Packets each worker processed (exact after {@link #finish()}; a recent value while running). */
    public long[] packetsPerWorker() {
        long[] r = new long[workers.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = workers[i].packets;
        }
        return r;
    }

    /** Packets each worker processed, as of its last batch: readable from any thread while running. */
    public long[] packetsPerWorkerNow() {
        long[] r = new long[workers.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = workers[i].packetsSeen;
        }
        return r;
    }

    /** Every worker's counters summed, as {@link PacketPath#stats}. Call after {@link #finish()}. */
    public Map<String, Object> stats(CaptureStats capture) {
        Map<String, Object> total = null;
        for (Worker w : workers) {
            Map<String, Object> s = w.path.stats(capture);
            total = total == null ? s : sum(total, s);
        }
        if (total == null) {
            return new LinkedHashMap<>();
        }
        // an average does not add up: recompute it from the summed totals
        Object pkts = StatsTree.get(total, "decoder.pkts");
        Object bytes = StatsTree.get(total, "decoder.bytes");
        if (pkts instanceof Long p && bytes instanceof Long b && p > 0) {
            StatsTree.put(total, "decoder.avg_pkt_size", b / p);
        }
        return total;
    }

    /** Adds numeric leaves of b into a (same shape); "max" style counters keep the larger value. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sum(Map<String, Object> a, Map<String, Object> b) {
        for (Map.Entry<String, Object> e : b.entrySet()) {
            Object av = a.get(e.getKey());
            Object bv = e.getValue();
            if (av instanceof Map && bv instanceof Map) {
                sum((Map<String, Object>) av, (Map<String, Object>) bv);
            } else if (av instanceof Long x && bv instanceof Long y) {
                a.put(e.getKey(), keepsMax(e.getKey()) ? Math.max(x, y) : x + y);
            } else if (av == null) {
                a.put(e.getKey(), bv);
            }
        }
        return a;
    }

    private static final List<String> MAX_COUNTERS = List.of("max_pkt_size", "rows_maxlen",
            "kernel_packets", "kernel_drops", "kernel_ifdrops", "rules_loaded", "rules_failed");

    private static boolean keepsMax(String key) {
        return MAX_COUNTERS.contains(key);
    }
}
