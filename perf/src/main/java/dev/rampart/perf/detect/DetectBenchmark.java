package dev.rampart.perf.detect;

import dev.rampart.capture.Frame;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.detect.RuleProfiler;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.perf.gen.TrafficGenerator;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection cost per packet with the whole ET Open set (the rules the engine loads; the rest are
 * skipped as in {@code rampart scan}), on traffic from {@link TrafficGenerator} (HTTP, TLS, DNS;
 * 8 MB, seed 1) held in memory.
 *
 * <p>One op = one packet through the packet path (decode, flow, TCP reassembly) and, for
 * {@code detect=on}, {@link DetectStage}: IP-only rules, group lookup, prefilter over payload and
 * raw stream, exact verification of the candidates. {@code detect=off} is the same path without
 * detection; the difference is detection's cost. The capture replays endlessly: each pass shifts
 * timestamps by an hour so the previous pass's flows time out and are reused (steady state, as
 * a long capture). {@code -prof gc} shows the allocation per packet (expected ~0).
 * ET Open comes from {@code -Drampart.shared} (default {@code ../shared}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xss4m", "-XX:+UseParallelGC"})
@State(Scope.Thread)
public class DetectBenchmark {
    private static final long PASS_SHIFT_NANOS = 3_600_000_000_000L;

    @Param({"on", "off"})
    public String detect;

    /** Prefilter implementation; ignored with detect=off (run e.g. {@code -p detect=off -p mpm=HYPERSCAN}). */
    @Param({"HYPERSCAN", "AHO_CORASICK"})
    public String mpm;

    /**
     * Rule profiling ({@link RuleProfiler}) with detect=on: off (the default, the production path)
     * or on ({@code -p profile=off,on} compares; profiling times every rule check and scan).
     */
    @Param({"off"})
    public String profile;

    private Frame[] frames;
    private long[] baseTimestamps;
    private PacketPath path;
    private DetectStage stage;
    private int next;
    private long shift;
    private long alerts;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path pcap = Files.createTempFile("rampart-detect-bench", ".pcap");
        try {
            TrafficGenerator.generate(new TrafficGenerator.Options(8L << 20, 1, 0), pcap);
            CaptureFiles.Contents c = CaptureFiles.readAll(pcap);
            frames = new Frame[c.packets().size()];
            baseTimestamps = new long[frames.length];
            for (int i = 0; i < frames.length; i++) {
                PcapPacket pp = c.packets().get(i);
                byte[] d = pp.data();
                baseTimestamps[i] = pp.timestampMicros() * 1000;
                frames[i] = new Frame().set(ByteBuffer.wrap(d), 0, d.length, pp.originalLength(), c.linkType(),
                        baseTimestamps[i], i + 1, 0);
            }
        } finally {
            Files.deleteIfExists(pcap);
        }
        if (detect.equals("on")) {
            DetectionPlan plan = etOpenPlan(MpmKind.valueOf(mpm));
            stage = new DetectStage(plan, (alert, rule) -> alerts++,
                    profile.equals("on") ? new RuleProfiler(plan) : null);
            path = PacketPath.withDetection(new PacketPath.Config(), stage);
            System.out.printf("%n[detect] %d ET Open rules loaded, %d not supported, %d groups, %d frames%n",
                    plan.ruleCount(), plan.skipped().size(), plan.groupCount(), frames.length);
        } else {
            path = new PacketPath(new PacketPath.Config(), null, null);
        }
    }

    static DetectionPlan etOpenPlan(MpmKind kind) throws IOException {
        Path dir = Path.of(System.getProperty("rampart.shared", "../shared"), "rulesets", "et-open");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".rules")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no ET Open rules under " + dir + " (set -Drampart.shared)");
        }
        RuleEnvironment env = RuleEnvironment.suricataDefaults();
        List<Rule> rules = new RuleFileLoader(new RuleParser(), false).load(files).rules();
        return DetectionPlan.build(rules, env, kind, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (stage != null) {
            Map<String, Object> stats = new LinkedHashMap<>();
            stage.writeStats(stats);
            long pkts = stage.packets();
            Object cand = StatsTree.get(stats, "detect.rampart.candidates");
            System.out.printf("%n[detect] %d packets inspected, %s candidate rules (%.3f per packet), %d alerts%n",
                    pkts, cand, cand instanceof Long l ? l / (double) Math.max(1, pkts) : 0.0, alerts);
            System.out.println("[detect] " + stats);
            RuleProfiler p = stage.profiler();
            if (p != null) {
                System.out.printf("[detect] profile: %.1f ms in rule checks, %.1f ms in prefilters%n",
                        p.totalRuleTicks() / 1e6, p.totalPrefilterTicks() / 1e6);
            }
        }
    }

    @Benchmark
    public void packet() {
        Frame f = frames[next];
        f.timestampNanos = baseTimestamps[next] + shift;
        path.onFrame(f);
        if (++next == frames.length) {
            next = 0;
            shift += PASS_SHIFT_NANOS;
        }
    }
}
