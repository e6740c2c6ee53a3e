package dev.rampart.engine.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall and calling-thread CPU time of the start-up phases (rule parsing, compiling, grouping,
 * prefilters), for the load-time line {@code scan} prints. CPU time is the steadier number on a
 * shared machine; wall includes waiting for it.
 */
public final class LoadPhases {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One phase: its name and its wall and thread CPU nanoseconds. */
    public record Phase(String name, long wallNanos, long cpuNanos) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private long wall;
    private long cpu;

    public LoadPhases() {
        restart();
    }

    /** Starts timing the next phase now. */
    public void restart() {
        wall = System.nanoTime();
        cpu = cpuNow();
    }

    /** Ends the current phase under this name and starts the next. */
    public void mark(String name) {
        long w = System.nanoTime();
        long c = cpuNow();
        phases.add(new Phase(name, w - wall, c - cpu));
        wall = w;
        cpu = c;
    }

    /** Adds a phase measured elsewhere (a cost spread over another phase, named as part of it). */
    public void add(String name, long wallNanos, long cpuNanos) {
        phases.add(new Phase(name, wallNanos, cpuNanos));
    }

    public void addAll(LoadPhases other) {
        phases.addAll(other.phases);
    }

    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    /** "name 0.12 s (CPU 0.10 s), ..." */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : phases) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format(java.util.Locale.ROOT, "%s %.2f s (CPU %.2f s)", p.name, p.wallNanos / 1e9,
                    p.cpuNanos / 1e9));
        }
        return sb.toString();
    }

    /** This thread's CPU time, or 0 where the JVM does not measure it. */
    static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** This thread's CPU nanoseconds so far (0 where not measured). */
    public static long threadCpuNanos() {
        return cpuNow();
    }

    /** The whole process's CPU nanoseconds so far, all threads (0 where not measured). */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }
}
