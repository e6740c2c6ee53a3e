package dev.rampart.cli.scan;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.pipeline.PacketPath;
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
        PacketPath.Config pc = new PacketPath.Config();
        pc.checksums = checksums;
        PacketPath path = new PacketPath(pc, null, null);
        long start = System.nanoTime();
        String error = null;
        CaptureStats cs = new CaptureStats();
        try (FrameSource src = CaptureFiles.open(capture)) {
            cs = src.stats();
            long lastProgress = start;
            while (true) {
                int n;
                try {
                    n = src.poll(path, 4096);
                } catch (CaptureException e) {
                    error = e.getMessage();
                    break;
                }
                if (n < 0) {
                    break;
                }
                long now = System.nanoTime();
                if (progress != null && now - lastProgress > 5_000_000_000L) {
                    progress.printf("rampart: %s: %,d packets, %,d MB read%n", capture, cs.received, cs.bytes >> 20);
                    progress.flush();
                    lastProgress = now;
                }
            }
        } catch (CaptureException e) {
            error = e.getMessage();
        }
        path.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("uptime", (long) Math.ceil(seconds));
        stats.putAll(path.stats(null));
        return new Result(stats, error, cs.received, cs.bytes, seconds);
    }
}
