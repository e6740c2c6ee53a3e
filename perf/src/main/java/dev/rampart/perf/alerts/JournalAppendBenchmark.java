package dev.rampart.perf.alerts;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.AlertSink;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Alerts appended to the Chronicle journal per second, one writer thread (the alert sink's):
 * {@code append} is the journal alone (a typical ET alert: ~60-char msg, ~120-char metadata, no
 * pre-rendered EVE line, ~330 bytes an entry); {@code sinkAccept} adds what the sink does first
 * (mask check, rule score, flow and host-pair windows; 1 in 64 alerts Major so incidents are
 * raised and journaled too). Target: >= 1M alerts/s. Steady state should not allocate
 * (-prof gc). The journal goes to a temporary directory (java.io.tmpdir), deleted after each trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g", jvmArgsPrepend = {
        // prepended: perf/run-benchmarks passes -jvmArgsAppend, which replaces the annotation's append list
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.disk.monitor.disable=true"})
public class JournalAppendBenchmark {
    private static final int FLOWS = 4096;

    private Path dir;
    private AlertJournal journal;
    private AlertSink sink;
    private final AlertRecord alert = new AlertRecord();
    private long n;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long opsAtStart;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("rampart-journal-bench");
        journal = AlertJournal.open(JournalConfig.at(dir).blockSize(64L << 20));
        ScoreConfig cfg = ScoreConfig.defaults();
        MaskSet masks = new MaskSet();
        masks.maskSid(2_999_999);
        sink = new AlertSink(journal, masks, new RuleScorer(cfg), new IncidentTracker(cfg));
        alert.clear();
        alert.timestampNanos = 1_764_000_000_000_000_000L;
        alert.srcV4(0x0A000001).dstV4(0xC0A80001);
        alert.srcPort = 49152;
        alert.dstPort = 80;
        alert.proto = 6;
        AlertRecord.set(alert.appProto, "http");
        alert.direction = AlertRecord.DIR_TO_SERVER;
        alert.sid = 2_019_401;
        alert.rev = 4;
        AlertRecord.set(alert.msg, "ET POLICY Observed DNS Query to .cloud TLD (suspicious-domain)");
        AlertRecord.set(alert.classtype, "bad-unknown");
        AlertRecord.set(alert.category, "Potentially Bad Traffic");
        alert.severity = 2;
        AlertRecord.set(alert.metadata, "attack_target Client_Endpoint, created_at 2019_01_01, deployment Perimeter, "
                + "signature_severity Minor, updated_at 2024_05_02");
    }

    /**
     * CPU time of the benchmark thread per operation, printed after each iteration: on a loaded
     * machine the wall-clock score mostly measures the scheduler, this does not.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
        opsAtStart = n;
    }

    @TearDown(Level.Iteration)
    public void stopCpuClock() {
        long ops = n - opsAtStart;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        if (ops > 0 && cpu > 0) {
            System.out.printf("  [cpu] %.1f ns/op thread CPU, %.2fM ops per CPU-second (%d ops)%n",
                    (double) cpu / ops, ops * 1e3 / cpu, ops);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        journal.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public long append() {
        n++;
        alert.alertId = n;
        alert.timestampNanos += 1000;
        alert.flowId = n & (FLOWS - 1);
        alert.pcapCnt = n;
        return journal.append(alert);
    }

    @Benchmark
    public long sinkAccept() {
        n++;
        alert.timestampNanos += 1000;
        alert.flowId = n & (FLOWS - 1);
        alert.srcLo = 0x0A000000L | (n & (FLOWS - 1));
        alert.pcapCnt = n;
        // one in 64 a Major rule: incidents raised (and journaled) as hosts cross the threshold
        alert.sid = (n & 63) == 0 ? 2_000_001 : 2_019_401;
        alert.rev = (n & 63) == 0 ? 1 : 4;
        AlertRecord.set(alert.metadata, (n & 63) == 0 ? "signature_severity Major" : "signature_severity Minor, deployment Perimeter");
        return sink.accept(alert);
    }
}
