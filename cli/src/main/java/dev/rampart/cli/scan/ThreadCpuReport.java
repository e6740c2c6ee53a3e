package dev.rampart.cli.scan;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of each live thread of this process, read from Linux's /proc/self/task/N/stat
 * (utime + stime, in clock ticks), grouped by the kind of thread (the JVM's thread names with
 * their numbers cut: "C1 CompilerThre", "GC Thread#", ...). Threads that already ended are one
 * row: the process total (/proc/self/stat) less the live ones. A diagnostic for where the CPU
 * of a scan goes besides the packet thread; prints nothing where /proc is missing.
 */
public final class ThreadCpuReport {
    /** Linux reports utime/stime in USER_HZ ticks, 100 per second on every mainstream build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ThreadCpuReport() {
    }

    public static void print(PrintWriter out) {
        Path tasks = Path.of("/proc/self/task");
        long processTicks;
        try {
            processTicks = ticks(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return;
        }
        // per kind of thread (its name without the number): {CPU ticks, threads}
        Map<String, long[]> groups = new TreeMap<>();
        long live = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                String kind;
                long ticks;
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.US_ASCII);
                    kind = kind(comm(stat));
                    ticks = ticks(stat);
                } catch (IOException | RuntimeException e) {
                    continue; // the thread ended while we listed: its ticks land in the "ended" row
                }
                long[] g = groups.computeIfAbsent(kind, k -> new long[2]);
                g[0] += ticks;
                g[1]++;
                live += ticks;
            }
        } catch (IOException e) {
            return;
        }
        out.printf("thread-cpu: process %.2f s%n", processTicks / TICKS_PER_SECOND);
        groups.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> out.printf("thread-cpu: %-18s %3d threads %8.2f s%n", e.getKey(), e.getValue()[1],
                        e.getValue()[0] / TICKS_PER_SECOND));
        out.printf("thread-cpu: %-18s %11s %8.2f s%n", "(ended threads)", "", (processTicks - live) / TICKS_PER_SECOND);
    }

    /** The thread's name: the text between the first '(' and the last ')' of its stat line. */
    static String comm(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime: fields 14 and 15 of the stat line, counted after the name's closing ')'. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): field n is f[n - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** The name with a trailing thread number cut, so that the numbered threads of a kind add up. */
    static String kind(String comm) {
        int end = comm.length();
        while (end > 0 && Character.isDigit(comm.charAt(end - 1))) {
            end--;
        }
        String k = comm.substring(0, end).trim();
        return k.isEmpty() ? comm : k;
    }
}
