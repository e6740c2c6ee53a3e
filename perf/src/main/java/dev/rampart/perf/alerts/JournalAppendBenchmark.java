package dev.rampart.perf.alerts;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.AlertSink;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.keyword.meta.ClasstypeOption;
import dev.rampart.rules.keyword.meta.MetadataOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
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
 * Alerts appended to the Chronicle journal per second, one writer thread (the alert sink's).
 *
 * <p>What is appended: alerts of {@value #RULES} ET Open rules (spread evenly over the ruleset
 * in {@code -Drampart.shared}, or as many synthetic ET-like rules when it is absent), picked with
 * a Zipf skew (rank k alerts in proportion to 1/k: the top rule makes ~12% of alerts, as a few
 * noisy rules do on a real network), each with its rule's msg, classtype, category and metadata
 * exactly as {@code scan --journal} fills them, severity from the classtype's priority, app proto
 * from the rule's protocol, and a payload excerpt of the size an alert of that protocol carries
 * (HTTP/TLS/TCP 256 bytes, the excerpt's cap; DNS/UDP 40-90; ICMP 56; IP-only none). Every
 * alert gets its own id and time and one of 4096 flows with that flow's addresses and ports.
 * No pre-rendered EVE line (the sensor adds one; that is the EVE writer's cost, measured apart).
 *
 * <p>{@code ruleKey=true}: each alert names its rule's texts by an object, as {@code scan --journal}
 * and the sensor do ({@link AlertRecord#ruleKey}, their compiled rule), so the journal finds the
 * entry holding them without comparing them; {@code false}: a producer that does not, the journal
 * compares the four texts with those it wrote.
 *
 * <p>{@code append} is the journal alone; {@code sinkAccept} adds what the sink does first (mask
 * check, rule score, flow and host-pair windows, incidents journaled as Major rules raise them).
 * Target: >= 1M alerts/s. Steady state should not allocate (-prof gc). Thread CPU per alert is
 * printed after each iteration: on a loaded machine the wall-clock score mostly measures the
 * scheduler. The journal goes to a temporary directory (java.io.tmpdir), deleted after each trial.
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
    /** Distinct rules that alert. */
    static final int RULES = 2048;
    /** Length of the precomputed pick sequence (a power of two). */
    private static final int PICKS = 1 << 16;

    @Param({"true", "false"})
    public boolean ruleKey;

    /** The journal's pretoucher thread on (the default a sink gets) or off. */
    @Param({"true"})
    public boolean pretouch;

    private Path dir;
    private AlertJournal journal;
    private AlertSink sink;
    /** One record per rule, its texts and payload filled once (a producer reuses its rule's). */
    private AlertRecord[] records;
    private int[] picks;
    private long n;
    private long timestampNanos = 1_764_000_000_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long userAtStart;
    private long opsAtStart;

    /** A rule's journal texts as {@code scan --journal} takes them from the rule. */
    record RuleTexts(long sid, int rev, String protocol, String msg, String classtype, String category,
            int priority, String metadata) {
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("rampart-journal-bench");
        journal = AlertJournal.open(JournalConfig.at(dir).blockSize(64L << 20).pretouch(pretouch));
        ScoreConfig cfg = ScoreConfig.defaults();
        MaskSet masks = new MaskSet();
        masks.maskSid(2_999_999);
        sink = new AlertSink(journal, masks, new RuleScorer(cfg), new IncidentTracker(cfg));

        List<RuleTexts> rules = etOpenRules(RULES);
        String source = "ET Open";
        if (rules.size() < RULES) {
            rules = syntheticRules(RULES);
            source = "synthetic";
        }
        Random random = new Random(42);
        Collections.shuffle(rules, random); // Zipf rank independent of file order
        records = new AlertRecord[RULES];
        long textChars = 0;
        long payloadBytes = 0;
        for (int i = 0; i < RULES; i++) {
            RuleTexts r = rules.get(i);
            AlertRecord a = new AlertRecord().clear();
            a.proto = switch (r.protocol) {
                case "udp", "dns" -> 17;
                case "icmp" -> 1;
                case "ip" -> 0;
                default -> 6;
            };
            AlertRecord.set(a.appProto, switch (r.protocol) {
                case "tcp", "udp", "ip", "icmp", "tcp-pkt", "tcp-stream" -> "";
                default -> r.protocol;
            });
            a.direction = AlertRecord.DIR_TO_SERVER;
            a.sid = r.sid;
            a.rev = r.rev;
            AlertRecord.set(a.msg, r.msg);
            AlertRecord.set(a.classtype, r.classtype);
            AlertRecord.set(a.category, r.category);
            a.severity = r.priority;
            AlertRecord.set(a.metadata, r.metadata);
            byte[] payload = payload(r.protocol, random);
            a.payload(payload, 0, payload.length);
            a.ruleKey = ruleKey ? r : null;
            a.dstPort = a.proto == 17 ? 53 : a.proto == 6 ? (r.protocol.equals("tls") ? 443 : 80) : 0;
            records[i] = a;
            textChars += r.msg.length() + r.classtype.length() + r.category.length() + r.metadata.length();
            payloadBytes += payload.length;
        }
        // Zipf(1) over the rules: rank k with weight 1/k
        double[] cumulative = new double[RULES];
        double sum = 0;
        for (int k = 0; k < RULES; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        picks = new int[PICKS];
        double weighted = 0;
        double weightedPayload = 0;
        for (int i = 0; i < PICKS; i++) {
            double u = random.nextDouble() * sum;
            int k = 0;
            while (cumulative[k] < u) {
                k++;
            }
            picks[i] = k;
            AlertRecord a = records[k];
            weighted += a.msg.length() + a.classtype.length() + a.category.length() + a.metadata.length();
            weightedPayload += a.payloadLength();
        }
        System.out.printf("%n[journal] %d %s rules, %.0f text chars and %.0f payload bytes a rule; "
                + "%.0f text chars and %.0f payload bytes an alert as picked%n", RULES, source,
                (double) textChars / RULES, (double) payloadBytes / RULES, weighted / PICKS, weightedPayload / PICKS);
    }

    /** {@code count} rules spread evenly over ET Open, or fewer when it is not there. */
    static List<RuleTexts> etOpenRules(int count) throws IOException {
        Path et = Path.of(System.getProperty("rampart.shared", "../shared"), "rulesets", "et-open");
        if (!Files.isDirectory(et)) {
            return new ArrayList<>();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(et)) {
            files = s.filter(p -> p.toString().endsWith(".rules")).sorted().toList();
        }
        Path classFile = et.resolve("classification.config");
        ClassificationConfig classes = Files.isRegularFile(classFile) ? ClassificationConfig.load(classFile) : null;
        List<Rule> all = new RuleFileLoader(new RuleParser(), true).load(files).rules();
        List<RuleTexts> picked = new ArrayList<>();
        if (all.size() < count) {
            return picked;
        }
        for (int i = 0; i < count; i++) {
            Rule rule = all.get((int) ((long) i * all.size() / count));
            String classtype = "";
            String category = "";
            int priority = 3;
            ClasstypeOption ct = rule.option(ClasstypeOption.class);
            if (ct != null) {
                classtype = ct.name();
                ClassificationConfig.ClassType t = classes == null ? null : classes.get(ct.name());
                if (t != null) {
                    category = t.description();
                    priority = t.priority();
                }
            }
            StringBuilder md = new StringBuilder();
            for (MetadataOption m : rule.optionsOf(MetadataOption.class)) {
                for (MetadataOption.Entry en : m.entries()) {
                    if (md.length() > 0) {
                        md.append(", ");
                    }
                    md.append(en.key()).append(' ').append(en.value());
                }
            }
            picked.add(new RuleTexts(rule.sid(), (int) rule.rev(), rule.header().protocol(),
                    rule.msg() == null ? "" : rule.msg(), classtype, category, priority, md.toString()));
        }
        return picked;
    }

    /** ET-like rules of typical text lengths (msg ~60, metadata ~200 characters). */
    static List<RuleTexts> syntheticRules(int count) {
        String[] protocols = {"http", "tcp", "tls", "dns", "udp", "ip", "icmp", "http", "tcp", "http"};
        String[][] classes = {{"trojan-activity", "A Network Trojan was detected", "1"},
                {"bad-unknown", "Potentially Bad Traffic", "2"}, {"policy-violation", "Potential Corporate Privacy Violation", "1"},
                {"web-application-attack", "Web Application Attack", "1"}, {"misc-activity", "Misc activity", "3"}};
        String[] severities = {"Major", "Minor", "Informational", "Critical"};
        List<RuleTexts> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] c = classes[i % classes.length];
            String msg = "ET " + (i % 3 == 0 ? "MALWARE" : i % 3 == 1 ? "POLICY" : "WEB_SPECIFIC_APPS")
                    + " Synthetic rule " + i + " observed suspicious request pattern" + " x".repeat(i % 11);
            String metadata = "affected_product Windows_XP_Vista_7_8_10_Server_32_64_Bit, attack_target Client_Endpoint, "
                    + "created_at 2019_01_" + (10 + i % 20) + ", deployment Perimeter, former_category MALWARE, "
                    + "signature_severity " + severities[i % severities.length] + ", updated_at 2024_05_02"
                    + (i % 2 == 0 ? ", mitre_tactic_id TA0011, mitre_tactic_name Command_And_Control" : "");
            rules.add(new RuleTexts(2_000_000 + i, 1 + i % 5, protocols[i % protocols.length], msg, c[0], c[1],
                    Integer.parseInt(c[2]), metadata));
        }
        return rules;
    }

    /** A payload excerpt of the size an alert on {@code protocol} keeps (the excerpt caps at 256). */
    static byte[] payload(String protocol, Random random) {
        int length = switch (protocol) {
            case "ip" -> 0;
            case "icmp" -> 56;
            case "dns", "udp" -> 40 + random.nextInt(51);
            default -> AlertRecord.MAX_PAYLOAD_EXCERPT;
        };
        byte[] b = new byte[length];
        if (protocol.equals("http") || protocol.equals("tcp")) {
            byte[] text = ("GET /wp-content/plugins/x/admin.php?id=" + random.nextInt(100000) + "&q=%27%20OR%201=1 HTTP/1.1\r\n"
                    + "Host: example-" + random.nextInt(1000) + ".com\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r\nAccept: */*\r\n"
                    + "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, b, 0, Math.min(length, text.length));
        } else {
            random.nextBytes(b);
        }
        return b;
    }

    /**
     * CPU time of the benchmark thread per operation, printed after each iteration: on a loaded
     * machine the wall-clock score mostly measures the scheduler, this does not.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
        userAtStart = THREADS.getCurrentThreadUserTime();
        opsAtStart = n;
    }

    @TearDown(Level.Iteration)
    public void stopCpuClock() {
        long ops = n - opsAtStart;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        long user = THREADS.getCurrentThreadUserTime() - userAtStart;
        if (ops > 0 && cpu > 0) {
            System.out.printf("  [cpu] %.1f ns/op thread CPU (%.1f in the kernel), %.2fM ops per CPU-second (%d ops)%n",
                    (double) cpu / ops, (double) (cpu - user) / ops, ops * 1e3 / cpu, ops);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.printf("%n[journal] %d pages pretouched%n", journal.pagesPretouched());
        journal.close();
        printBytesPerAlert(dir);
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

    /**
     * The cycle file's bytes per alert entry: from the start of the first entry to the end of the
     * last, over the entries between (Chronicle's headers and index pages included: what the
     * kernel has to provide pages for).
     */
    static void printBytesPerAlert(Path dir) {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.single(dir.toFile()).readOnly(true).build();
                ExcerptTailer tailer = q.createTailer()) {
            long firstIndex;
            long firstStart;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                firstIndex = dc.index();
                firstStart = dc.wire().bytes().readPosition();
            }
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument()) {
                long lastIndex = dc.index();
                RollCycle roll = q.rollCycle();
                if (roll.toCycle(firstIndex) == roll.toCycle(lastIndex) && lastIndex > firstIndex) {
                    long entries = roll.toSequenceNumber(lastIndex) - roll.toSequenceNumber(firstIndex) + 1;
                    System.out.printf("%n[journal] %.1f bytes of cycle file an alert (%d alerts)%n",
                            (double) (dc.wire().bytes().readLimit() - firstStart) / entries, entries);
                }
            }
        }
    }

    /**
     * The next alert: its rule's record with this alert's own id and time, on one of
     * {@value #FLOWS} flows taken in a scattered order, whose addresses (1024 internal hosts, 512
     * external ones) and ports are the flow's.
     */
    private AlertRecord next() {
        long i = ++n;
        AlertRecord a = records[picks[(int) i & (PICKS - 1)]];
        a.alertId = i;
        a.timestampNanos = timestampNanos += 1000;
        a.pcapCnt = i;
        int flow = (int) ((i * 0x9E3779B1L) >>> 7) & (FLOWS - 1);
        a.flowId = flow;
        a.srcV4(0x0A000000 | ((flow * 7) & 1023));
        a.dstV4(0xC6336400 + ((flow * 13) & 511));
        a.srcPort = 1024 + flow * 11;
        return a;
    }

    @Benchmark
    public long append() {
        return journal.append(next());
    }

    @Benchmark
    public long sinkAccept() {
        return sink.accept(next());
    }
}
