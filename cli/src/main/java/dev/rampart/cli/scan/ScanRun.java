package dev.rampart.cli.scan;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.capture.live.LiveCaptureOptions;
import dev.rampart.capture.live.LiveCaptureSource;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.LoadPhases;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.pipeline.RunQueueClock;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.pipeline.WorkersPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** One offline pass of a capture file through the packet path; shared by {@code scan} and {@code demo}. */
public final class ScanRun {

    /**
     * @param stats        Suricata-shaped {@code stats} object (with {@code uptime})
     * @param captureError the capture's error (corrupt or truncated file), or null
     */
    public record Result(Map<String, Object> stats, String captureError, long packets, long bytes, double seconds) {
    }

    private ScanRun() {
    }

    /** Reads the whole file; progress lines go to {@code progress} every 5 s when it is not null. */
    public static Result run(Path capture, ChecksumMode checksums, PrintWriter progress) {
        return run(capture, checksums, null, progress);
    }

    /** As {@link #run(Path, ChecksumMode, PrintWriter)}, with detection when {@code detect} is not null. */
    public static Result run(Path capture, ChecksumMode checksums, DetectStage detect, PrintWriter progress) {
        PacketPath.Config pc = new PacketPath.Config();
        pc.checksums = checksums;
        return run(capture, pc, detect, progress);
    }

    /** As {@link #run(Path, ChecksumMode, DetectStage, PrintWriter)} with packet path settings from the configuration. */
    public static Result run(Path capture, PacketPath.Config pc, DetectStage detect, PrintWriter progress) {
        return run(capture, pc, detect, null, progress);
    }

    /**
     * As {@link #run(Path, PacketPath.Config, DetectStage, PrintWriter)}; frames the BPF
     * {@code filter} (when not null) rejects are dropped before the packet path, and the others are
     * numbered as they pass (Suricata's pcap_cnt counts what libpcap delivers).
     */
    public static Result run(Path capture, PacketPath.Config pc, DetectStage detect,
            dev.rampart.capture.filter.BpfFilter filter, PrintWriter progress) {
        PacketPath path = detect == null ? new PacketPath(pc, null, null) : PacketPath.withDetection(pc, detect);
        dev.rampart.capture.FrameHandler handler = path;
        if (filter != null) {
            long[] passed = {0};
            handler = frame -> {
                if (filter.accepts(frame)) {
                    frame.index = ++passed[0];
                    path.onFrame(frame);
                }
            };
        }
        long start = System.nanoTime();
        long cpu = LoadPhases.threadCpuNanos();
        long runQueue = RunQueueClock.waitedNanos();
        String error = null;
        CaptureStats cs = new CaptureStats();
        try (FrameSource src = CaptureFiles.open(capture)) {
            cs = src.stats();
            error = drain(src, handler, capture.toString(), Long.MAX_VALUE, Long.MAX_VALUE, progress);
        } catch (CaptureException e) {
            error = e.getMessage();
        }
        Result r = finish(path, null, cs, error, start);
        // the figures the workers runmode reports, for one thread (perf/bench-scale compares the two)
        Map<String, Object> stats = r.stats();
        StatsTree.put(stats, "rampart.pipeline.workers", 1L);
        StatsTree.put(stats, "rampart.pipeline.capture.cpu_ms", (LoadPhases.threadCpuNanos() - cpu) / 1_000_000);
        long waited = RunQueueClock.elapsedMillis(runQueue, RunQueueClock.waitedNanos());
        if (waited >= 0) {
            StatsTree.put(stats, "rampart.pipeline.capture.runqueue_ms", waited);
        }
        StatsTree.put(stats, "rampart.pipeline.worker.0.packets", cs.received);
        StatsTree.put(stats, "rampart.pipeline.wall_ms", (long) (r.seconds() * 1000));
        return r;
    }

    /**
     * Captures live from an interface until {@code seconds} have passed or {@code maxPackets}
     * were received; the stats then carry Suricata's {@code capture.kernel_*} counters.
     */
    public static Result runLive(LiveCaptureOptions options, ChecksumMode checksums, DetectStage detect, long seconds,
            long maxPackets, PrintWriter progress) {
        PacketPath.Config pc = new PacketPath.Config();
        pc.checksums = checksums;
        PacketPath path = path(pc, detect);
        long start = System.nanoTime();
        String error = null;
        CaptureStats cs = new CaptureStats();
        try (FrameSource src = LiveCaptureSource.open(options)) {
            cs = src.stats();
            error = drain(src, path, options.interfaceName, start + seconds * 1_000_000_000L, maxPackets, progress);
            src.close(); // final kernel counters
        } catch (CaptureException e) {
            error = e.getMessage();
        }
        return finish(path, cs, cs, error, start);
    }

    /**
     * Reads the whole file through the multi-worker pipeline: {@code workers} packet paths, each with
     * the detection stage {@code detects} makes for it (null: no detection).
     */
    public static Result runWorkers(Path capture, PacketPath.Config pc, int workers,
            java.util.function.IntFunction<DetectStage> detects, PrintWriter progress) {
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.ringSize = ringSlotsPerWorker(workers);
        return runWorkers(capture, pc, workers, o, detects, progress);
    }

    /**
     * Ring slots per worker: 16,384 slots (about 26 MB of frame copies) shared by the workers, at
     * least 2,048 each. A deep ring absorbs bursts of one worker's flows in file order, during which
     * the capture thread cannot feed the others.
     */
    public static int ringSlotsPerWorker(int workers) {
        return Math.max(2048, Integer.highestOneBit(16384 / Math.max(1, workers)));
    }

    /** As {@link #runWorkers(Path, PacketPath.Config, int, java.util.function.IntFunction, PrintWriter)} with pipeline options. */
    public static Result runWorkers(Path capture, PacketPath.Config pc, int workers, WorkersPipeline.Options options,
            java.util.function.IntFunction<DetectStage> detects, PrintWriter progress) {
        WorkersPipeline pipeline = new WorkersPipeline(workers, options,
                i -> path(pc, detects == null ? null : detects.apply(i)));
        long start = System.nanoTime();
        String error = null;
        CaptureStats cs = new CaptureStats();
        // with a file fanout the capture thread's reader is one of the group's (they share the mapping)
        try (FrameSource src = pipeline.fanout() ? options.fanout.open(0) : CaptureFiles.open(capture)) {
            cs = src.stats();
            error = drain(src, pipeline, capture.toString(), Long.MAX_VALUE, Long.MAX_VALUE, progress);
        } catch (CaptureException e) {
            error = e.getMessage();
        }
        pipeline.finish();
        if (error == null) {
            error = pipeline.fanoutReaderError();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("uptime", (long) Math.ceil(seconds));
        stats.putAll(pipeline.stats(null));
        StatsTree.put(stats, "rampart.pipeline.wall_ms", (long) (seconds * 1000));
        return new Result(stats, error, cs.received, cs.bytes, seconds);
    }

    private static PacketPath path(PacketPath.Config pc, DetectStage detect) {
        return detect == null ? new PacketPath(pc, null, null) : PacketPath.withDetection(pc, detect);
    }

    /** Polls until the source ends, the deadline passes or enough packets came; returns the error or null. */
    private static String drain(FrameSource src, dev.rampart.capture.FrameHandler path, String name, long deadlineNanos, long maxPackets,
            PrintWriter progress) {
        CaptureStats cs = src.stats();
        long lastProgress = System.nanoTime();
        while (cs.received < maxPackets) {
            int n;
            try {
                n = src.poll(path, (int) Math.min(4096, maxPackets - cs.received));
                if (path instanceof WorkersPipeline p) {
                    p.flush(); // what this poll read goes to the workers now, not after the next one
                }
            } catch (CaptureException e) {
                return e.getMessage();
            }
            long now = System.nanoTime();
            if (n < 0 || now >= deadlineNanos) {
                return null;
            }
            if (progress != null && now - lastProgress > 5_000_000_000L) {
                progress.printf("rampart: %s: %,d packets, %,d MB read%n", name, cs.received, cs.bytes >> 20);
                progress.flush();
                lastProgress = now;
            }
        }
        return null;
    }

    private static Result finish(PacketPath path, CaptureStats live, CaptureStats cs, String error, long start) {
        path.finish();
        if (path.packetErrors() > 0) {
            System.err.printf("rampart: warning: %,d packets failed processing and were passed over (first: %s)%n",
                    path.packetErrors(), path.firstError());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("uptime", (long) Math.ceil(seconds));
        stats.putAll(path.stats(live));
        return new Result(stats, error, cs.received, cs.bytes, seconds);
    }
}
