package dev.rampart.engine.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's time spent runnable but waiting for a CPU (Linux
 * {@code /proc/thread-self/schedstat}, second field), or -1 where the kernel does not say.
 *
 * <p>Why: with as many pipeline threads as cores, any other runnable thread (the JIT's compiler
 * threads above all: ~0.15 CPU-s of C1 compiles fall in a 500 MB scan's processing) takes its
 * CPU from a worker, and that time is in neither thread clock of the pipeline: the processing
 * wall is then longer than the busiest thread's CPU. This says how much of that gap is the run
 * queue. Read at a thread's start and end only (a file read each).
 */
public final class RunQueueClock {
    private static final Path SELF = Path.of("/proc/thread-self/schedstat");

    private RunQueueClock() {
    }

    /** Nanoseconds the calling thread has waited on a run queue since it started, or -1. */
    public static long waitedNanos() {
        try {
            return parseWait(Files.readString(SELF, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The second of schedstat's three numbers ("run wait slices"), or -1 when the text is not that. */
    static long parseWait(String schedstat) {
        String[] f = schedstat.trim().split("\\s+");
        if (f.length < 3) {
            return -1;
        }
        try {
            long wait = Long.parseLong(f[1]);
            return wait >= 0 ? wait : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code end - start} in ms, or -1 when either is unknown. */
    public static long elapsedMillis(long start, long end) {
        return start < 0 || end < 0 ? -1 : (end - start) / 1_000_000;
    }
}
