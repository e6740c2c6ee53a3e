package dev.rampart.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import dev.rampart.capture.CaptureException;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.FrameSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The multi-worker packet pipeline (Suricata's workers/autofp runmodes). The capture thread (the
 * caller of {@link #onFrame}) reads a frame, picks its worker from the IP pair
 * ({@link FlowAffinity}: both directions of a flow, and its fragments, go to the same worker)
 * and copies it once into that worker's own single-producer Disruptor ring; each worker thread
 * runs its {@link WorkerPath} — decode, flow shard, TCP, app layer, detection — over its ring
 * only, with no locks between workers.
 *
 * <p>Why one ring per worker rather than one ring all workers read: with a shared ring every
 * worker touches every slot (and waits for the slowest before the capture thread can reuse it).
 * Slots are published in batches (one release store per batch); workers wait with a backoff
 * strategy (a short spin, a few yields, then parks that grow to 1 ms), so publishing never
 * signals a lock, and a capture thread that finds a ring full parks with backoff until a quarter
 * of it is free: on a machine with as many cores as pipeline threads, or fewer, spinning or
 * waking often would take the CPU from the threads that have work.
 *
 * <p>Flow shares: {@link Options#weights} (default: {@link #defaultWeights}) give each worker its
 * share of the address pairs through a fixed {@link FlowAffinity} table. In the workers runmode
 * the capture thread also reads, hashes and copies every other worker's frames, so its own worker
 * gets less.
 *
 * <p>Back-pressure: offline input ({@link Options#live} false) blocks, nothing is dropped; live
 * input drops a frame whose ring is full and counts it ({@code capture.dropped.ring_full}). At
 * every quiescent point {@code capture.received = capture.inspected + capture.dropped.*}.
 * With one worker and offline input the worker runs on the calling thread (no ring, no copy).
 *
 * <p>File fanout ({@link Options#fanout}, offline workers runmode; AF_PACKET's hash fanout for a
 * file): no rings. Each worker thread reads the capture file through a reader of its own (scan's
 * readers share one mapping, {@code capture.file.FileFanout}), walks every record, computes its
 * {@link FlowAffinity} worker (a read of the record's IP addresses) and processes only its own
 * records, in place in the mapping; the capture thread does the same as worker 0. Every
 * reader numbers the records alike, so {@code pcap_cnt} is the same as with one reader. What it
 * costs: each reader reads the record header and addresses of every other worker's frames too
 * (~0.08 CPU-s per thread on a 500 MB capture, a chain of dependent loads from memory); what it
 * saves: the capture thread's hash, copy and publish of those frames, and the workers' waits on
 * empty rings (each a spin, yields and parks). {@code scan}'s default for a file in the workers
 * runmode: its 2 workers were faster than the rings on 2 and on 16 cores (docs/engine.md).
 * Balanced ({@link FileReaders#balanceBy}, scan's default for a pcap unless weights are set): the
 * readers follow one record index whose walk gives each address pair ({@link FlowAffinity#pairKey})
 * to the worker with the least recent work when it first meets the pair, so a worker on a core the
 * machine slows takes fewer new flows instead of setting the wall; the frames then carry their
 * worker ({@code Frame.owner}).
 *
 * <p>Latency (HdrHistogram, per worker, merged in {@link #stats}): {@code rampart.latency.packet}
 * from the capture thread's read of a frame to the end of its processing, and
 * {@code rampart.latency.alert} from that read to the return of the alert sink (alert written and
 * journaled) for each alert the frame raised.
 */
public final class WorkersPipeline implements FrameHandler {
    /** {@link #packetLatency()} times one frame in this many of each worker's (a power of two). */
    public static final int PACKET_LATENCY_SAMPLE = 16;

    /** Pipeline settings. */
    public static final class Options {
        /** Slots in each worker's ring (rounded up to a power of two). */
        public int ringSize = 4096;
        /** Live input: drop (and count) when a ring is full instead of waiting. */
        public boolean live;
        /**
         * Relative share of the address pairs per worker (one weight a worker, ≥ 0, some positive);
         * null: {@link #defaultWeights}.
         */
        public double[] weights;
        /** CPUs to pin worker threads to, worker i on {@code cpus[i % cpus.length]}; empty: no pinning. */
        public int[] cpus = new int[0];
        /** Slots claimed before they are published together (flushed earlier by {@link #flush()}). */
        public int publishBatch = 32;
        /** With one worker and offline input: run it on the calling thread (false: a worker thread anyway). */
        public boolean inlineSingleWorker = true;
        /**
         * The capture thread is worker 0 as well (Suricata's "workers" runmode: N threads in all);
         * false: a capture thread that only reads and N worker threads ("autofp", N + 1 threads).
         */
        public boolean captureIsWorker0;
        /**
         * Offline input in the workers runmode ({@link #captureIsWorker0}, more than one worker):
         * opens another reader of the same capture file for each worker thread, which then walks
         * the whole file itself and processes only its own frames (the frames {@link FlowAffinity}
         * gives it), as AF_PACKET's hash fanout hands each socket its share; null: the capture
         * thread hands every other worker its frames through that worker's ring. See
         * {@link WorkersPipeline} ("File fanout").
         */
        public FileReaders fanout;
    }

    /** Opens one more reader of the capture file being scanned (a worker's own walk of it). */
    @FunctionalInterface
    public interface FileReaders {
        /** Worker {@code worker}'s reader (each worker's once; worker 0's is the capture thread's). */
        FrameSource open(int worker) throws CaptureException;

        /**
         * Called once, before any reader opens, with the pipeline's flow affinity: readers that can
         * index the file's records once for all of them tag each frame with its worker
         * ({@link dev.rampart.capture.Frame#owner}) instead of every worker reading every record.
         */
        default void ownedBy(dev.rampart.capture.FrameOwner owner) {
        }

        /**
         * Called once, before any reader opens and instead of {@link #ownedBy}, when the workers have
         * no fixed weights: readers that index the file's records once for all of them may give each
         * flow key ({@link FlowAffinity#pairKey}) its worker as the walk meets it, to the worker
         * with the least work waiting. Returns whether they do; false: {@link #ownedBy} follows.
         */
        default boolean balanceBy(dev.rampart.capture.FrameKey key) {
            return false;
        }
    }

    /** One ring slot: a frame copy. Preallocated; the byte array only grows. */
    static final class Slot {
        byte[] data = new byte[1600];
        ByteBuffer view = ByteBuffer.wrap(data);
        int length;
        int originalLength;
        int linkType;
        long timestampNanos;
        long index;
        int interfaceId;
        /** System.nanoTime() when the capture thread read the frame. */
        long arrivalNanos;

        void copy(Frame f, long arrival) {
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
            interfaceId = f.interfaceId;
            arrivalNanos = arrival;
        }
    }

    /**
     * A worker's wait for its ring: a short spin (a batch published right behind the one just
     * processed), a few yields, then parks that double from 20 µs to 1 ms. A worker that finds its
     * ring empty usually waits for a capture thread that is busy with its own frames (workers
     * runmode) or with other workers' rings, for much longer than a spin; with as many pipeline
     * threads as cores, every spin or early wake-up is CPU taken from that thread. Counts the
     * waits that found the ring empty and the time they took (the worker starved). Worker thread only.
     */
    static final class BackoffWait implements WaitStrategy {
        private static final int SPINS = 64;
        private static final int YIELDS = 8;
        private static final long FIRST_PARK_NANOS = 20_000;
        static final long MAX_PARK_NANOS = 1_000_000;
        long emptyWaits;
        long idleNanos;

        @Override
        public long waitFor(long sequence, Sequence cursor, Sequence dependent, SequenceBarrier barrier)
                throws AlertException, InterruptedException, TimeoutException {
            long available = dependent.get();
            if (available >= sequence) {
                return available;
            }
            emptyWaits++;
            long start = System.nanoTime();
            int tries = 0;
            long park = FIRST_PARK_NANOS;
            while ((available = dependent.get()) < sequence) {
                barrier.checkAlert();
                if (tries < SPINS) {
                    Thread.onSpinWait();
                } else if (tries < SPINS + YIELDS) {
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(park);
                    park = Math.min(park * 2, MAX_PARK_NANOS);
                }
                tries++;
            }
            idleNanos += System.nanoTime() - start;
            return available;
        }

        @Override
        public void signalAllWhenBlocking() {
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    // A lane's capture-thread fields and its worker's per-packet counters are written on two
    // cores for every frame: padding keeps them on different cache lines (superclass fields are
    // laid out first), so neither write invalidates the other thread's line. The int fills the 4
    // bytes after a compressed header, where a subclass's int or reference would otherwise go.
    @SuppressWarnings("unused")
    abstract static class PadBefore {
        int p00;
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    /** The producer side of a lane: capture thread only. */
    abstract static class FeedFields extends PadBefore {
        RingBuffer<Slot> ring;
        long firstPending = -1;
        long lastClaimed = -1;
        int pending;
    }

    @SuppressWarnings("unused")
    abstract static class PadBetween extends FeedFields {
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }

    /** Worker thread only; read by others after the thread ended (join). */
    abstract static class WorkerFields extends PadBetween {
        long packets;
        /** {@link #packets} as of the end of the last batch, for readers on other threads (sensor stats). */
        volatile long packetsSeen;
        long errors;
    }

    @SuppressWarnings("unused")
    abstract static class PadAfter extends WorkerFields {
        long r01, r02, r03, r04, r05, r06, r07, r08;
    }

    /** One worker: its ring (producer side used by the capture thread only) and its path. */
    private static final class Lane extends PadAfter implements EventHandler<Slot>, ExceptionHandler<Slot> {
        final int id;
        final WorkerPath path;
        final Frame frame = new Frame();
        final Latency packetLatency = new Latency();
        final Latency alertLatency = new Latency();
        final int cpu;
        final BackoffWait wait = new BackoffWait();
        BatchEventProcessor<Slot> processor;
        Thread thread;
        long cpuNanos;
        /** {@link RunQueueClock} at this worker thread's start and end (-1: unknown). */
        long runQueueStart = -1;
        long runQueueEnd = -1;
        BitSet affinity;
        /** File fanout: this worker's own reader of the capture file (null on lane 0, the caller's). */
        FrameSource reader;
        /** File fanout: records this worker's reader delivered, and the error that ended its walk early. */
        long readerFrames;
        String readerError;

        Lane(int id, WorkerPath path, int cpu) {
            this.id = id;
            this.path = path;
            this.cpu = cpu;
        }

        /**
         * Inspects {@code f}, which arrived at {@code arrival} (nanoTime). Every frame that raised
         * alerts is timed for {@link #alertLatency}; one frame in {@link #PACKET_LATENCY_SAMPLE}
         * for {@link #packetLatency}: a clock read and a histogram update per frame were ~2% of a
         * worker's CPU (kvm-clock reads take ~30 ns here), and 1 in 16 keeps the percentiles.
         */
        void process(Frame f, long arrival) {
            long before = path.alertCount();
            long n = ++packets; // inspected, even when the path throws part way
            path.onFrame(f);
            long raised = path.alertCount() - before;
            boolean sampled = (n & (PACKET_LATENCY_SAMPLE - 1)) == 0;
            if (raised > 0 || sampled) {
                long micros = (System.nanoTime() - arrival) / 1000;
                if (sampled) {
                    packetLatency.record(micros, 1);
                }
                if (raised > 0) {
                    alertLatency.record(micros, raised);
                }
            }
        }

        @Override
        public void onEvent(Slot s, long sequence, boolean endOfBatch) {
            process(frame.set(s.view, 0, s.length, s.originalLength, s.linkType, s.timestampNanos, s.index,
                    s.interfaceId), s.arrivalNanos);
            if (endOfBatch) {
                packetsSeen = packets;
            }
        }

        @Override
        public void onStart() {
            runQueueStart = RunQueueClock.waitedNanos();
            // not pinned: no query either. The affinity library's first call (JNA and its native part)
            // took ~220 ms, at the start of processing, with this worker idle (2 GB fanout: worker 1 read
            // its first record ~200 ms after worker 0)
            affinity = cpu >= 0 ? CpuPinning.pinCurrentThread(cpu) : null;
        }

        /** Runs on the worker thread when halted: the end of its flows is its own work too. */
        @Override
        public void onShutdown() {
            try {
                path.finish();
            } catch (RuntimeException e) {
                errors++;
            }
            cpuNanos = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
            runQueueEnd = RunQueueClock.waitedNanos();
        }

        // a frame that throws is counted and skipped: one bad packet must not stop the worker
        @Override
        public void handleEventException(Throwable ex, long sequence, Slot event) {
            errors++;
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            errors++;
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            errors++;
        }
    }

    private final Options options;
    private final Lane[] lanes;
    private final FlowAffinity affinity;
    private final boolean inline;
    /** {@link Options#fanout} in use: worker threads read the file themselves, no rings. */
    private final boolean fanout;
    /** File fanout whose readers give each address pair its worker as they meet it ({@link FileReaders#balanceBy}). */
    private final boolean balanced;
    /** Lane 0 runs on the capture thread (every lane when {@link #inline}). */
    private final boolean lane0OnCapture;
    private final int resumeFree;
    private final long captureCpuStart;
    private final long captureRunQueueStart;
    private long captureRunQueueMillis = -1;
    private BitSet callerAffinity;
    private long received;
    /** Written by the capture thread only; volatile for a sensor's stats readers (drops are rare). */
    private volatile long droppedRingFull;
    private long ringFullWaits;
    private long ringFullNanos;
    private long captureCpuNanos;
    private boolean finished;

    /**
     * Offline pipeline with default options.
     *
     * @param workers  number of detection workers (≥ 1)
     * @param ringSize slots in each worker's ring
     * @param paths    makes worker i's path (called once per worker, on this thread)
     */
    public WorkersPipeline(int workers, int ringSize, IntFunction<? extends WorkerPath> paths) {
        this(workers, options(ringSize), paths);
    }

    private static Options options(int ringSize) {
        Options o = new Options();
        o.ringSize = ringSize;
        return o;
    }

    public WorkersPipeline(int workers, Options options, IntFunction<? extends WorkerPath> paths) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        this.options = options;
        this.lanes = new Lane[workers];
        if (options.weights != null && options.weights.length != workers) {
            throw new IllegalArgumentException("weights: one per worker (" + workers + "), got " + options.weights.length);
        }
        this.fanout = options.fanout != null && options.captureIsWorker0 && !options.live && workers > 1;
        // in a fanout every thread reads and hashes every record: no dispatch cost on worker 0's side
        this.affinity = FlowAffinity.weighted(options.weights != null ? options.weights
                : defaultWeights(workers, options.captureIsWorker0 && !fanout));
        int[] cpus = options.cpus == null ? new int[0] : options.cpus;
        for (int i = 0; i < workers; i++) {
            lanes[i] = new Lane(i, paths.apply(i), cpus.length == 0 ? -1 : cpus[i % cpus.length]);
        }
        int size = Integer.highestOneBit(Math.max(2, options.ringSize - 1)) << 1;
        this.resumeFree = Math.max(1, size / 4);
        this.inline = workers == 1 && !options.live && options.inlineSingleWorker;
        this.lane0OnCapture = inline || options.captureIsWorker0;
        if (lane0OnCapture && lanes[0].cpu >= 0) {
            // the calling thread is worker 0 until finish(), then gets its own CPUs back
            callerAffinity = CpuPinning.currentAffinity();
            lanes[0].affinity = CpuPinning.pinCurrentThread(lanes[0].cpu);
        }
        // a balanced walk hands out address pairs as it meets them; fixed weights keep the fixed split
        this.balanced = fanout && options.weights == null && options.fanout.balanceBy(FlowAffinity::pairKey);
        if (fanout) {
            if (!balanced) {
                options.fanout.ownedBy(affinity::workerOf);
            }
            startFanout(options.fanout);
        } else if (!inline) {
            for (Lane l : lanes) {
                if (l.id == 0 && lane0OnCapture) {
                    continue;
                }
                // BackoffWait: spin, yield, then park with backoff; publishing signals nothing
                l.ring = RingBuffer.createSingleProducer(Slot::new, size, l.wait);
                l.processor = new BatchEventProcessorBuilder().build(l.ring, l.ring.newBarrier(), l);
                l.processor.setExceptionHandler(l);
                l.ring.addGatingSequences(l.processor.getSequence());
                l.thread = new Thread(l.processor, "rampart-worker-" + l.id);
                l.thread.setDaemon(true);
            }
            for (Lane l : lanes) {
                if (l.thread != null) {
                    l.thread.start();
                }
            }
        }
        captureCpuStart = cpuNow();
        captureRunQueueStart = RunQueueClock.waitedNanos();
    }

    /**
     * File fanout: opens a reader per worker thread (on this thread: the file was just opened, so
     * a failure is rare, and then {@link #fanoutReaderError} says which worker read nothing) and
     * starts them.
     */
    private void startFanout(FileReaders readers) {
        for (int i = 1; i < lanes.length; i++) {
            Lane l = lanes[i];
            try {
                l.reader = readers.open(l.id);
            } catch (CaptureException e) {
                l.readerError = e.getMessage();
            }
            l.thread = new Thread(() -> walk(l), "rampart-worker-" + l.id);
            l.thread.setDaemon(true);
        }
        for (int i = 1; i < lanes.length; i++) {
            lanes[i].thread.start();
        }
    }

    /** File fanout: {@code l} processes a frame its reader read when the frame's flow is its own (a throw is counted). */
    private void processIfOwn(Lane l, Frame f) {
        int owner = f.owner >= 0 ? f.owner : affinity.workerOf(f.buffer, f.offset, f.captureLength, f.linkType);
        if (owner == l.id) {
            try {
                // the reader's index says when the frame's window was ready; else now
                l.process(f, f.arrivalNanos != Frame.NO_ARRIVAL ? f.arrivalNanos : System.nanoTime());
            } catch (RuntimeException e) {
                l.errors++;
            }
        }
    }

    /** File fanout, a worker thread: its walk of the whole file, then the end of its flows. */
    private void walk(Lane l) {
        l.onStart();
        FrameSource src = l.reader;
        if (src == null) {
            l.onShutdown();
            return;
        }
        FrameHandler own = f -> processIfOwn(l, f);
        try {
            int n;
            do {
                n = src.poll(own, 4096);
                l.packetsSeen = l.packets;
            } while (n >= 0);
        } catch (CaptureException e) {
            l.readerError = e.getMessage(); // the capture thread's reader meets the same corruption
        } catch (RuntimeException e) {
            l.errors++;
            l.readerError = String.valueOf(e);
        } finally {
            l.readerFrames = src.stats().received;
            src.close();
            l.onShutdown();
        }
    }

    private static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Capture thread, file fanout with a record index: its reader passed other workers' frames (counted as received; each worker inspects its own). */
    @Override
    public void onSkipped(int frames) {
        received += frames;
    }

    /** Capture thread: hands the frame to its worker (blocks while that ring is full, or drops when live). */
    @Override
    public void onFrame(Frame f) {
        received++;
        if (fanout) { // the other workers take their frames from their own readers
            processIfOwn(lanes[0], f);
            return;
        }
        long arrival = System.nanoTime();
        Lane l = inline ? lanes[0] : lanes[affinity.workerOf(f.buffer, f.offset, f.captureLength, f.linkType)];
        RingBuffer<Slot> ring = l.ring;
        if (ring == null) { // worker 0 on this thread: no copy
            if (!inline) {
                publishToIdle(); // a worker that has nothing else must not wait while this thread inspects
            }
            try {
                l.process(f, arrival);
            } catch (RuntimeException e) {
                l.errors++; // as on a worker thread: counted, and the next frame goes on
            }
            return;
        }
        if (!ring.hasAvailableCapacity(1)) {
            flush(); // a worker must see everything claimed before anyone waits for it
            if (options.live) {
                droppedRingFull++;
                return;
            }
            awaitCapacity(ring);
        }
        long seq = ring.next();
        ring.get(seq).copy(f, arrival);
        if (l.pending++ == 0) {
            l.firstPending = seq;
        }
        l.lastClaimed = seq;
        if (l.pending >= options.publishBatch) {
            publish(l);
        }
    }

    /** Parks with backoff until a quarter of the ring is free (waking for one slot at a time would thrash). */
    private void awaitCapacity(RingBuffer<Slot> ring) {
        ringFullWaits++;
        long start = System.nanoTime();
        long park = 20_000;
        while (ring.remainingCapacity() < resumeFree) {
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, 1_000_000);
        }
        ringFullNanos += System.nanoTime() - start;
    }

    /**
     * Workers runmode, before the capture thread inspects one of its own frames: publishes the
     * pending slots of each worker that has processed everything published before them (it would
     * otherwise wait idle for a full batch). A worker that still has work keeps collecting a
     * batch: publishing a few slots at a time costs a release store and a cache-line transfer
     * each (and wakes the worker for a small batch). Reading the worker's sequence is cheap: it
     * changes once per batch.
     */
    private void publishToIdle() {
        for (Lane l : lanes) {
            if (l.pending > 0 && l.processor.getSequence().get() >= l.firstPending - 1) {
                publish(l);
            }
        }
    }

    private static void publish(Lane l) {
        if (l.pending > 0) {
            l.ring.publish(l.firstPending, l.lastClaimed);
            l.pending = 0;
        }
    }

    /** Capture thread: publishes every claimed slot now (call after each capture poll when live). */
    public void flush() {
        if (!inline) {
            for (Lane l : lanes) {
                if (l.ring != null) {
                    publish(l);
                }
            }
        }
    }

    /** End of input: waits until every worker has processed its ring, then each worker ends its flows. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        flush();
        if (lane0OnCapture) { // while the others drain
            lanes[0].path.finish();
        }
        captureCpuNanos = cpuNow() - captureCpuStart;
        captureRunQueueMillis = RunQueueClock.elapsedMillis(captureRunQueueStart, RunQueueClock.waitedNanos());
        if (callerAffinity != null) {
            CpuPinning.setCurrentThread(callerAffinity);
        }
        if (inline) {
            return;
        }
        for (Lane l : lanes) {
            if (l.ring == null) {
                continue;
            }
            long park = 10_000;
            while (l.processor.getSequence().get() < l.ring.getCursor() && l.thread.isAlive()) {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, 1_000_000);
            }
            l.processor.halt();
        }
        for (Lane l : lanes) {
            if (l.thread == null) {
                continue;
            }
            try {
                l.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the workers drain", e);
            }
        }
    }

    public int workerCount() {
        return lanes.length;
    }

    /**
     * What the capture thread's dispatching (read, hash, copy, publish) adds to its share of the
     * work in the workers runmode, over what a worker thread's own overhead (taking frames from
     * its ring, reading the copies) adds to its share, as a fraction of all the processing.
     * Measured with thread CPU clocks, 500 MB generator capture, full ET Open, even split (50.4 %
     * of the frames on worker 0): the capture thread spent 0.19 s more than worker 1 (median of 6
     * runs) of ~4.05 s in both, 0.03 s of it its larger share: 0.16 / 4.05 = 0.04.
     */
    static final double DISPATCH_COST = 0.04;

    /**
     * Default flow shares: even, except that in the workers runmode (the capture thread is worker
     * 0 and dispatches every frame) worker 0 takes {@code (1 - (n - 1) r) / n} of the pairs and the
     * others {@code r} more each, with {@code r} = {@link #DISPATCH_COST}: the capture thread's
     * dispatching plus its own share then costs what each other worker's share does. 2 workers:
     * 0.48 / 0.52. At least a tenth of an even share for worker 0 whatever n.
     */
    public static double[] defaultWeights(int workers, boolean captureIsWorker0) {
        double[] w = new double[workers];
        java.util.Arrays.fill(w, 1.0 / workers);
        if (captureIsWorker0 && workers > 1) {
            double w0 = Math.max(0.1 / workers, (1 - (workers - 1) * DISPATCH_COST) / workers);
            w[0] = w0;
            for (int i = 1; i < workers; i++) {
                w[i] = (1 - w0) / (workers - 1);
            }
        }
        return w;
    }

    /** The flow shares in use: buckets of {@link FlowAffinity#BUCKETS} per worker. */
    public int[] shareBuckets() {
        int[] b = new int[lanes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = affinity.buckets(i);
        }
        return b;
    }

    /** Whether the worker threads read the capture file themselves ({@link Options#fanout} in use). */
    public boolean fanout() {
        return fanout;
    }

    /**
     * File fanout: the first error that ended a worker's own reader (after {@link #finish()});
     * null when every reader walked as far as the capture thread's (whose own error the caller has).
     */
    public String fanoutReaderError() {
        for (Lane l : lanes) {
            if (fanout && l.id > 0 && (l.readerError != null || l.readerFrames != received)) {
                return "worker " + l.id + " read " + l.readerFrames + " of " + received + " records"
                        + (l.readerError != null ? ": " + l.readerError : "");
            }
        }
        return null;
    }

    /** Frames handed to the pipeline. */
    public long received() {
        return received;
    }

    /** Live input: frames dropped because their worker's ring was full. */
    public long droppedRingFull() {
        return droppedRingFull;
    }

    /**
     * Live input: while on, a frame whose ring is full is dropped and counted; off (a sensor
     * draining what the kernel still holds after a stop) it waits like offline input.
     */
    public void dropWhenFull(boolean on) {
        options.live = on;
    }

    /** Packets each worker processed, as of its last batch: readable from any thread while running. */
    public long[] packetsPerWorkerNow() {
        long[] r = new long[lanes.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = lanes[i].ring == null ? 0 : lanes[i].packetsSeen;
        }
        return r;
    }

    /** Packets each worker processed (after {@link #finish()}). */
    public long[] packetsPerWorker() {
        long[] r = new long[lanes.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = lanes[i].packets;
        }
        return r;
    }

    /**
     * CPUs worker i may run on as its thread reported them after pinning (null: not pinned, or not
     * known). After {@link #finish()}.
     */
    public BitSet workerAffinity(int i) {
        return lanes[i].affinity;
    }

    /** Every worker's latencies merged (after {@link #finish()}); frames sampled, see {@link #PACKET_LATENCY_SAMPLE}. */
    public Latency packetLatency() {
        Latency all = new Latency();
        for (Lane l : lanes) {
            all.add(l.packetLatency);
        }
        return all;
    }

    public Latency alertLatency() {
        Latency all = new Latency();
        for (Lane l : lanes) {
            all.add(l.alertLatency);
        }
        return all;
    }

    /**
     * Every worker's counters summed, as {@link PacketPath#stats}, plus {@code capture.received /
     * inspected / dropped.ring_full}, {@code rampart.latency} and {@code rampart.pipeline}
     * (per-worker packets and CPU time, capture thread CPU time). Call after {@link #finish()}.
     */
    public Map<String, Object> stats(CaptureStats capture) {
        Map<String, Object> total = null;
        for (Lane l : lanes) {
            Map<String, Object> s = l.path.stats(capture);
            total = total == null ? s : sum(total, s);
        }
        // an average does not add up: recompute it from the summed totals
        Object pkts = StatsTree.get(total, "decoder.pkts");
        Object bytes = StatsTree.get(total, "decoder.bytes");
        if (pkts instanceof Long p && bytes instanceof Long b && p > 0) {
            StatsTree.put(total, "decoder.avg_pkt_size", b / p);
        }
        long inspected = 0;
        long errors = 0;
        for (Lane l : lanes) {
            inspected += l.packets;
            errors += l.errors;
        }
        StatsTree.put(total, "capture.received", received);
        StatsTree.put(total, "capture.inspected", inspected);
        StatsTree.put(total, "capture.dropped.ring_full", droppedRingFull);
        packetLatency().writeTo(total, "rampart.latency.packet");
        alertLatency().writeTo(total, "rampart.latency.alert");
        StatsTree.put(total, "rampart.pipeline.workers", (long) lanes.length);
        StatsTree.put(total, "rampart.pipeline.capture.cpu_ms", captureCpuNanos / 1_000_000);
        StatsTree.put(total, "rampart.pipeline.capture.ring_full_waits", ringFullWaits);
        StatsTree.put(total, "rampart.pipeline.capture.ring_full_ms", ringFullNanos / 1_000_000);
        if (captureRunQueueMillis >= 0) { // Linux: time the capture thread was runnable but not running
            StatsTree.put(total, "rampart.pipeline.capture.runqueue_ms", captureRunQueueMillis);
        }
        StatsTree.put(total, "rampart.pipeline.worker_errors", errors);
        if (fanout) {
            StatsTree.put(total, "rampart.pipeline.fanout", 1L);
            StatsTree.put(total, "rampart.pipeline.fanout_balanced", balanced ? 1L : 0L);
        }
        for (Lane l : lanes) {
            StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".packets", l.packets);
            if (!balanced) { // balanced: each worker's share is what the walk gave it (its packets)
                StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".share_buckets", (long) affinity.buckets(l.id));
            }
            if (l.cpu >= 0) { // the CPU the thread reported after pinning, -1 when pinning failed
                StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".pinned_cpu",
                        CpuPinning.isOnly(l.affinity, l.cpu) ? (long) l.cpu : -1L);
            }
            if (fanout && l.id > 0) { // a reader that ended early left frames of this worker unread
                StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".reader_frames", l.readerFrames);
            }
            if (l.thread != null) {
                StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".cpu_ms", l.cpuNanos / 1_000_000);
                StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".empty_waits", l.wait.emptyWaits);
                StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".idle_ms", l.wait.idleNanos / 1_000_000);
                long runQueue = RunQueueClock.elapsedMillis(l.runQueueStart, l.runQueueEnd);
                if (runQueue >= 0) {
                    StatsTree.put(total, "rampart.pipeline.worker." + l.id + ".runqueue_ms", runQueue);
                }
            }
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
