package dev.rampart.perf.rules;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing the whole ET Open snapshot, warm: file splitting and rule parsing of every rule text,
 * header variable resolution included. {@code set=enabled} is what a sensor loads, {@code all}
 * adds the shipped-disabled rules. The corpus location comes from {@code -Drampart.shared}
 * (default {@code ../shared}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RuleParseBenchmark {

    @Param({"enabled", "all"})
    public String set;

    private final List<String> labels = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private RuleParser parser;

    @Setup
    public void setup() throws IOException {
        Path dir = Path.of(System.getProperty("rampart.shared", "../shared"), "rulesets/et-open");
        for (Path f : RuleFileLoader.expand(List.of(dir))) {
            labels.add(f.toString());
            texts.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("no rule files under " + dir.toAbsolutePath());
        }
        parser = new RuleParser();
    }

    /** Returns the number of rules that failed, so that a broken parser cannot look fast. */
    @Benchmark
    public int parseCorpus(Blackhole bh) {
        boolean all = "all".equals(set);
        int failed = 0;
        for (int i = 0; i < texts.size(); i++) {
            for (RuleFileLoader.RuleText rt : RuleFileLoader.split(labels.get(i), texts.get(i))) {
                if (!rt.enabled() && !all) {
                    continue;
                }
                try {
                    bh.consume(parser.parse(rt.text(), new SourceRef(rt.file(), rt.line()), rt.enabled()));
                } catch (RuleParseException e) {
                    failed++;
                }
            }
        }
        return failed;
    }
}
