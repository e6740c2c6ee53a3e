package dev.rampart.perf.detect;

import dev.rampart.engine.detect.mpm.FastPatternSelector;
import dev.rampart.engine.detect.mpm.MpmKind;
import dev.rampart.engine.detect.mpm.MpmPattern;
import dev.rampart.engine.detect.mpm.MpmScratch;
import dev.rampart.engine.detect.mpm.MultiPatternMatcher;
import dev.rampart.engine.detect.mpm.MultiPatternMatchers;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The MPM prefilter over the fast patterns of all enabled ET Open rules in one buffer
 * ({@code buffer=pkt_data} or {@code http.uri}; one pattern per distinct (bytes, nocase)).
 *
 * <ul>
 *   <li>{@code scan}: one 1500-byte payload per op, cycling through 64 of them; {@code payload=random}
 *       is uniform random bytes, {@code http} HTTP/1.1 requests and responses with random paths,
 *       hosts and agents. MB/s = 1500 / (ns/op) * 1000.</li>
 *   <li>{@code compileCold}: building the matcher from the patterns; {@code loadWarm}: reading its
 *       serialized form back (what MpmCache does on a warm start).</li>
 * </ul>
 * ET Open comes from {@code -Drampart.shared} (default {@code ../shared}).
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class MpmBenchmark {

    static final int PAYLOAD_LEN = 1500;
    static final int PAYLOADS = 64;

    @State(Scope.Benchmark)
    public static class Patterns {
        @Param({"AHO_CORASICK", "HYPERSCAN"})
        public String impl;

        @Param({"pkt_data", "http.uri"})
        public String buffer;

        List<MpmPattern> patterns;
        MultiPatternMatcher matcher;
        byte[] serialized;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            patterns = fastPatterns(buffer);
            matcher = MultiPatternMatchers.build(MpmKind.valueOf(impl), patterns);
            serialized = matcher.serialize();
            System.out.printf("%n[%s %s] %d patterns, serialized %d bytes%n", impl, buffer, patterns.size(),
                    serialized.length);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            matcher.close();
        }
    }

    @State(Scope.Thread)
    public static class Payloads {
        @Param({"random", "http"})
        public String payload;

        byte[][] data;
        MpmScratch scratch;
        int next;

        @Setup(Level.Trial)
        public void setup(Patterns p) {
            data = payloads(payload, new Random(42));
            scratch = p.matcher.newScratch();
            long hits = 0;
            for (byte[] d : data) {
                hits += p.matcher.scan(d, 0, d.length, id -> { }, scratch);
            }
            System.out.printf("[%s %s %s] %.2f pattern ids per payload%n", p.impl, p.buffer, payload,
                    hits / (double) data.length);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            scratch.close();
        }
    }

    /** Counts matches: a sink that does not allocate, so that the op measures the matcher. */
    @State(Scope.Thread)
    public static class CountingSink {
        int count;
        final dev.rampart.engine.detect.mpm.MatchSink sink = id -> count++;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int scan(Patterns p, Payloads pl, CountingSink sink) {
        byte[] d = pl.data[pl.next++ & (PAYLOADS - 1)];
        return p.matcher.scan(d, 0, d.length, sink.sink, pl.scratch);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int compileCold(Patterns p) {
        try (MultiPatternMatcher m = MultiPatternMatchers.build(MpmKind.valueOf(p.impl), p.patterns)) {
            return m.patternCount();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int loadWarm(Patterns p) throws IOException {
        try (MultiPatternMatcher m = MultiPatternMatchers.deserialize(p.serialized)) {
            return m.patternCount();
        }
    }

    /** Distinct fast patterns of the enabled ET Open rules whose fast pattern is in {@code buffer}. */
    static List<MpmPattern> fastPatterns(String buffer) throws IOException {
        Path dir = Path.of(System.getProperty("rampart.shared", "../shared"), "rulesets/et-open");
        RuleFileLoader.Result loaded = new RuleFileLoader(new RuleParser(), false).load(List.of(dir));
        Map<String, MpmPattern> distinct = new LinkedHashMap<>();
        for (Rule r : loaded.rules()) {
            if (!r.enabled()) {
                continue;
            }
            FastPatternSelector.Selection s = FastPatternSelector.select(r);
            if (s == null || s.negated() || !s.buffer().name().equals(buffer)) {
                continue;
            }
            String key = (s.nocase() ? "i:" : "c:") + new String(s.bytes(), StandardCharsets.ISO_8859_1);
            distinct.computeIfAbsent(key, k -> new MpmPattern(distinct.size(), s.bytes(), s.nocase()));
        }
        if (distinct.isEmpty()) {
            throw new IllegalStateException("no fast patterns for " + buffer + " under " + dir.toAbsolutePath());
        }
        return new ArrayList<>(distinct.values());
    }

    static byte[][] payloads(String kind, Random rnd) {
        byte[][] out = new byte[PAYLOADS][];
        for (int i = 0; i < PAYLOADS; i++) {
            out[i] = "http".equals(kind) ? http(rnd, i) : random(rnd);
        }
        return out;
    }

    static byte[] random(Random rnd) {
        byte[] b = new byte[PAYLOAD_LEN];
        rnd.nextBytes(b);
        return b;
    }

    private static final String[] WORDS = {"index", "api", "v1", "login", "static", "images", "js", "css",
        "download", "update", "search", "user", "account", "news", "cdn", "assets", "data", "config"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "curl/8.5.0", "Microsoft-CryptoAPI/10.0", "okhttp/4.12.0"};

    /** An HTTP request (even i) or response (odd i) padded with body text to exactly 1500 bytes. */
    static byte[] http(Random rnd, int i) {
        StringBuilder sb = new StringBuilder(PAYLOAD_LEN + 200);
        if (i % 2 == 0) {
            sb.append(rnd.nextBoolean() ? "GET /" : "POST /");
            for (int k = 0, n = 1 + rnd.nextInt(4); k < n; k++) {
                sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(k + 1 < n ? "/" : "");
            }
            sb.append(rnd.nextBoolean() ? ".php?id=" + rnd.nextInt(100000) : ".html");
            sb.append(" HTTP/1.1\r\nHost: www.").append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextInt(1000))
                    .append(".example.com\r\nUser-Agent: ").append(AGENTS[rnd.nextInt(AGENTS.length)])
                    .append("\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n")
                    .append("Cookie: session=").append(Long.toHexString(rnd.nextLong())).append("\r\n\r\n");
        } else {
            sb.append("HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: text/html; charset=utf-8\r\n")
                    .append("Cache-Control: max-age=3600\r\nContent-Length: 1200\r\n\r\n<!DOCTYPE html><html><head><title>");
        }
        while (sb.length() < PAYLOAD_LEN) {
            sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextInt(4) == 0 ? "\n" : " ");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.ISO_8859_1), PAYLOAD_LEN);
    }
}
