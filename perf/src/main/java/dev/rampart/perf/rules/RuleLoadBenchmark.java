package dev.rampart.perf.rules;

import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-rule work of a scan's rule load on one thread: each enabled ET Open rule text parsed and
 * compiled right after (what a parsing task of {@code rampart scan} does, see
 * {@link DetectionPlan.Precompiler}). Forked with C1 only ({@code -XX:TieredStopAtLevel=1}), as the
 * launcher runs offline scans, so the figure is the code the load really runs; divide by the
 * ~19k enabled rules for the cost per rule. The corpus comes from {@code -Drampart.shared}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:TieredStopAtLevel=1"})
public class RuleLoadBenchmark {
    private final List<RuleFileLoader.RuleText> texts = new ArrayList<>();
    private RuleEnvironment env;

    @Setup
    public void setup() throws IOException {
        Path dir = Path.of(System.getProperty("rampart.shared", "../shared"), "rulesets/et-open");
        for (Path f : RuleFileLoader.expand(List.of(dir))) {
            for (RuleFileLoader.RuleText rt : RuleFileLoader.split(f.toString(), Files.readString(f, StandardCharsets.UTF_8))) {
                if (rt.enabled()) {
                    texts.add(rt);
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("no rule files under " + dir.toAbsolutePath());
        }
        env = RuleEnvironment.suricataDefaults();
    }

    /** Returns the rules that failed to parse, so that a broken parser cannot look fast. */
    @Benchmark
    public int parseAndCompile(Blackhole bh) {
        return load(bh, new DetectionPlan.Precompiler(env).newTask());
    }

    /** Parsing alone, for the split between parse and compile. */
    @Benchmark
    public int parseOnly(Blackhole bh) {
        return load(bh, null);
    }

    /** Every text parsed and, with a {@code task}, compiled right after; returns the parse failures. */
    private int load(Blackhole bh, RuleFileLoader.ParsedRuleHook.Task task) {
        RuleParser parser = new RuleParser(env);
        int failed = 0;
        for (RuleFileLoader.RuleText rt : texts) {
            try {
                Rule r = parser.parse(rt.text(), new SourceRef(rt.file(), rt.line()), true);
                bh.consume(task == null ? r : task.parsed(r));
            } catch (RuleParseException e) {
                failed++;
            }
        }
        return failed;
    }
}
