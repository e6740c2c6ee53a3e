package dev.rampart.perf.alerts;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.AlertSink;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import dev.rampart.cli.scan.JournalAlerts;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.keyword.meta.MetadataOption;
import java.io.IOException;
import java.io.OutputStream;
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
 * noisy rules do on a real network). Each rule has its {@link EveRuleInfo} as the rule compiler
 * makes it (msg, classtype, category, metadata, severity, the EVE identity and metadata JSON), an
 * app-layer object in its EVE line as the engine logs one for its protocol (HTTP, TLS, DNS) and a
 * payload excerpt of the size an alert of that protocol carries (HTTP/TLS/TCP 256 bytes, the
 * excerpt's cap; DNS/UDP 40-90; ICMP 56; IP-only none). Every alert gets its own id, time, pcap
 * count, flow counters and one of 4096 flows with that flow's addresses and ports.
 *
 * <p>Per alert the benchmark does what {@code scan --journal} and the sensor do
 * ({@code JournalAlerts.accept}, cli): clear the record, copy the event's fields, name the rule's
 * four texts (copied only when the journal writes them, once per rule and cycle file, or the
 * scorer first scores the rule), copy the EVE fields (schema v6: flags, pkt_src, tx id, the
 * app-layer members, the flow counters and start; the rule's EVE identity and metadata bytes by
 * reference) and the payload excerpt; then {@code append} hands it to the journal, {@code sinkAccept} to the sink
 * (mask check, rule score, flow and host-pair windows, incidents journaled as Major rules raise
 * them, then the journal). One {@code append} op therefore writes one v6 alert entry: the fixed
 * fields, app_proto, a reference to the entry of this cycle file holding the rule's texts and EVE
 * bytes (or, for the rule's first alert in the file, those texts and bytes), the EVE fields, the
 * payload excerpt; readers render the EVE line from them. The bytes of cycle file an alert takes
 * are printed at the end.
 *
 * <p>{@code ruleKey=true}: each alert names its rule's texts by an object, as scan and the sensor
 * do ({@link AlertRecord#ruleKey}, their compiled rule), so the journal finds the entry holding
 * them without comparing them; {@code false}: a producer that does not, the journal compares the
 * four texts and the EVE rule part with those it wrote.
 *
 * <p>Target: >= 1M alerts/s. Steady state should not allocate (-prof gc). Thread CPU per alert
 * (and its kernel part: the page faults of the mapped cycle file) is printed after each
 * iteration: on a loaded machine the wall-clock score mostly measures the scheduler; the journal's
 * bytes per alert are printed at the end. The journal goes to a temporary directory
 * (java.io.tmpdir), deleted after each trial.
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

    /**
     * {@code fields}: the EVE fields, as scan and the sensor journal an alert (schema v6, the line
     * rendered on read); {@code span}: the EVE line rendered per alert and kept with its rule part
     * marked (what they journaled with schema v5); {@code whole}: the line with no part marked
     * (schema v4's bytes); {@code none}: neither (not what a sink does).
     */
    @Param({"fields"})
    public String eveLine;

    /** The journal's pretoucher thread on (the default a sink gets) or off. */
    @Param({"true"})
    public boolean pretouch;

    /**
     * {@code trial}: one journal for the whole run (every iteration appends to the same cycle
     * file, ~0.5 GB a second at 1M alerts/s); {@code iteration}: each iteration appends to a
     * journal of its own, opened before it and closed and deleted after it (outside the measured
     * time), so the kernel gives the next iteration page-cache pages it has just freed. What that
     * separates: in a VM whose balloon hands free guest memory back to the host (this project's
     * Firecracker machines), a page the guest has not used for a few seconds costs a host fault
     * on first touch — writing 2 GB of fresh file here ran at ~440 MB/s, the same 2 GB again right
     * after at ~3.8 GB/s — so with {@code trial} the score follows how fast the host backs fresh
     * memory once the run has used up what the guest holds. The journal's code path is the same
     * in both; a sensor's journal with retention deletes old cycle files and reuses their pages.
     */
    @Param({"trial"})
    public String journalPer;

    private Path dir;
    private AlertJournal journal;
    private AlertSink sink;
    /**
     * One event per rule with what the engine sets from the rule and its protocol (rule info,
     * app-layer object, payload excerpt); the rest is set per alert.
     */
    private AlertEvent[] events;
    private int[] priorities;
    private int[] revs;
    /** The record the sink refills for every alert, as JournalAlerts does. */
    private final AlertRecord record = new AlertRecord();
    private final EveAlertWriter eve = new EveAlertWriter(OutputStream.nullOutputStream());
    private int[] picks;
    private long n;
    private long timestampNanos = 1_764_000_000_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long userAtStart;
    /** The journal's pretouch thread (-1 when off) and its CPU time at the iteration's start. */
    private long pretouchThread = -1;
    private long pretouchAtStart;
    private long opsAtStart;

    /** A rule as the rule compiler gives it to the sink: its EVE info (texts included) and protocol. */
    record RuleInfo(EveRuleInfo eve, String protocol, int priority, int rev) {
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        openJournal();

        List<RuleInfo> rules = etOpenRules(RULES);
        String source = "ET Open";
        if (rules.size() < RULES) {
            rules = syntheticRules(RULES);
            source = "synthetic";
        }
        Random random = new Random(42);
        Collections.shuffle(rules, random); // Zipf rank independent of file order
        events = new AlertEvent[RULES];
        priorities = new int[RULES];
        revs = new int[RULES];
        long textChars = 0;
        long payloadBytes = 0;
        for (int i = 0; i < RULES; i++) {
            RuleInfo r = rules.get(i);
            AlertEvent e = new AlertEvent();
            e.clear();
            e.rule = r.eve;
            e.proto = switch (r.protocol) {
                case "udp", "dns" -> 17;
                case "icmp" -> 1;
                case "ip" -> 0;
                default -> 6;
            };
            e.appProto = switch (r.protocol) {
                case "tcp", "udp", "ip", "icmp", "tcp-pkt", "tcp-stream" -> null;
                default -> r.protocol;
            };
            e.dstPort = e.proto == 17 ? 53 : e.proto == 6 ? (r.protocol.equals("tls") ? 443 : 80) : 0;
            byte[] payload = payload(r.protocol, random);
            System.arraycopy(payload, 0, e.payloadExcerpt, 0, payload.length);
            e.payloadExcerptLength = payload.length;
            byte[] app = appLayerJson(r.protocol, random);
            if (app != null) {
                e.appLayerJson = app;
                e.appLayerLength = app.length;
                e.txId = 0;
            }
            events[i] = e;
            priorities[i] = r.priority;
            revs[i] = r.rev;
            textChars += r.eve.msg().length() + r.eve.classtype().length() + r.eve.category().length()
                    + r.eve.metadataText().length();
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
        double weightedEve = 0;
        for (int i = 0; i < PICKS; i++) {
            double u = random.nextDouble() * sum;
            int k = 0;
            while (cumulative[k] < u) {
                k++;
            }
            picks[i] = k;
            EveRuleInfo t = events[k].rule;
            weighted += t.msg().length() + t.classtype().length() + t.category().length() + t.metadataText().length();
            weightedPayload += events[k].payloadExcerptLength;
            timestampNanos += 1000;
            weightedEve += eve.render(event(i)).length();
        }
        System.out.printf("%n[journal] %d %s rules, %.0f text chars and %.0f payload bytes a rule; "
                + "%.0f text chars, %.0f payload bytes and a %.0f-byte EVE line an alert as picked%n", RULES, source,
                (double) textChars / RULES, (double) payloadBytes / RULES, weighted / PICKS, weightedPayload / PICKS,
                weightedEve / PICKS);
    }

    /** {@code count} rules spread evenly over ET Open, or fewer when it is not there. */
    static List<RuleInfo> etOpenRules(int count) throws IOException {
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
        List<RuleInfo> picked = new ArrayList<>();
        if (all.size() < count) {
            return picked;
        }
        for (int i = 0; i < count; i++) {
            Rule rule = all.get((int) ((long) i * all.size() / count));
            EveRuleInfo info = EveRuleInfo.of(rule, classes); // as the rule compiler makes it
            picked.add(new RuleInfo(info, rule.header().protocol(), info.severity(), (int) rule.rev()));
        }
        return picked;
    }

    /** ET-like rules of typical text lengths (msg ~60, metadata ~200 characters). */
    static List<RuleInfo> syntheticRules(int count) {
        String[] protocols = {"http", "tcp", "tls", "dns", "udp", "ip", "icmp", "http", "tcp", "http"};
        String[][] classes = {{"trojan-activity", "A Network Trojan was detected", "1"},
                {"bad-unknown", "Potentially Bad Traffic", "2"}, {"policy-violation", "Potential Corporate Privacy Violation", "1"},
                {"web-application-attack", "Web Application Attack", "1"}, {"misc-activity", "Misc activity", "3"}};
        String[] severities = {"Major", "Minor", "Informational", "Critical"};
        List<RuleInfo> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] c = classes[i % classes.length];
            String msg = "ET " + (i % 3 == 0 ? "MALWARE" : i % 3 == 1 ? "POLICY" : "WEB_SPECIFIC_APPS")
                    + " Synthetic rule " + i + " observed suspicious request pattern" + " x".repeat(i % 11);
            List<MetadataOption.Entry> md = new ArrayList<>(List.of(
                    new MetadataOption.Entry("affected_product", "Windows_XP_Vista_7_8_10_Server_32_64_Bit"),
                    new MetadataOption.Entry("attack_target", "Client_Endpoint"),
                    new MetadataOption.Entry("created_at", "2019_01_" + (10 + i % 20)),
                    new MetadataOption.Entry("deployment", "Perimeter"),
                    new MetadataOption.Entry("former_category", "MALWARE"),
                    new MetadataOption.Entry("signature_severity", severities[i % severities.length]),
                    new MetadataOption.Entry("updated_at", "2024_05_02")));
            if (i % 2 == 0) {
                md.add(new MetadataOption.Entry("mitre_tactic_id", "TA0011"));
                md.add(new MetadataOption.Entry("mitre_tactic_name", "Command_And_Control"));
            }
            int priority = Integer.parseInt(c[2]);
            rules.add(new RuleInfo(EveRuleInfo.of(1, 2_000_000 + i, 1 + i % 5, msg, c[0], c[1], priority,
                    EveRuleInfo.Target.NONE, md), protocols[i % protocols.length], priority, 1 + i % 5));
        }
        return rules;
    }

    /**
     * The app-layer object the engine logs in an alert's EVE line for {@code protocol} (sizes of
     * ET alerts' lines: HTTP ~270 bytes, TLS ~300, DNS ~110), or null for none.
     */
    static byte[] appLayerJson(String protocol, Random random) {
        String json = switch (protocol) {
            case "http" -> "\"http\":{\"hostname\":\"www.example-" + random.nextInt(1000) + ".com\",\"url\":"
                    + "\"/wp-content/plugins/x/admin.php?id=" + random.nextInt(100000) + "\",\"http_user_agent\":"
                    + "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36\",\"http_content_type\":"
                    + "\"text/html\",\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,\"length\":"
                    + random.nextInt(5000) + "}";
            case "tls" -> "\"tls\":{\"subject\":\"CN=*.example-" + random.nextInt(1000) + ".com\",\"issuerdn\":"
                    + "\"C=US, O=Let's Encrypt, CN=R3\",\"serial\":\"04:1F:" + Integer.toHexString(random.nextInt())
                    + "\",\"fingerprint\":\"3c:2b:11:9a:7e:52:0d:44:6f:91:a8:c3:5e:07:b2:19:d4:88:61:fa\",\"sni\":"
                    + "\"cdn.example-" + random.nextInt(1000) + ".com\",\"version\":\"TLS 1.2\",\"notbefore\":"
                    + "\"2024-01-01T00:00:00\",\"notafter\":\"2024-04-01T00:00:00\"}";
            case "dns" -> "\"dns\":{\"query\":[{\"type\":\"query\",\"id\":" + random.nextInt(65536)
                    + ",\"rrname\":\"c2-" + random.nextInt(1000) + ".example.net\",\"rrtype\":\"A\",\"tx_id\":0,\"opcode\":0}]}";
            default -> null;
        };
        return json == null ? null : json.getBytes(StandardCharsets.US_ASCII);
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

    /** A journal and a sink writing to it, in a new temporary directory. */
    private void openJournal() throws IOException {
        dir = Files.createTempDirectory("rampart-journal-bench");
        journal = AlertJournal.open(JournalConfig.at(dir).blockSize(64L << 20).pretouch(pretouch));
        ScoreConfig cfg = ScoreConfig.defaults();
        MaskSet masks = new MaskSet();
        masks.maskSid(2_999_999);
        sink = new AlertSink(journal, masks, new RuleScorer(cfg), new IncidentTracker(cfg));
        pretouchThread = -1;
    }

    /** Closes the journal (printing its bytes per alert) and deletes its directory. */
    private void closeJournal() throws IOException {
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
     * CPU time of the benchmark thread per operation, printed after each iteration: on a loaded
     * machine the wall-clock score mostly measures the scheduler, this does not.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() throws IOException {
        if (journalPer.equals("iteration") && journal == null) {
            openJournal();
        }
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
        userAtStart = THREADS.getCurrentThreadUserTime();
        if (pretouchThread < 0) {
            pretouchThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("rampart-journal-pretouch")).mapToLong(Thread::getId).findFirst().orElse(-1);
        }
        pretouchAtStart = pretouchThread < 0 ? 0 : THREADS.getThreadCpuTime(pretouchThread);
        opsAtStart = n;
    }

    @TearDown(Level.Iteration)
    public void stopCpuClock() throws IOException {
        long ops = n - opsAtStart;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        long user = THREADS.getCurrentThreadUserTime() - userAtStart;
        long pretouch = pretouchThread < 0 ? 0 : THREADS.getThreadCpuTime(pretouchThread) - pretouchAtStart;
        if (ops > 0 && cpu > 0) {
            System.out.printf("  [cpu] %.1f ns/op thread CPU (%.1f in the kernel), %.2fM ops per CPU-second (%d ops);"
                    + " pretoucher %.1f ns/op%n", (double) cpu / ops, (double) (cpu - user) / ops, ops * 1e3 / cpu, ops,
                    (double) pretouch / ops);
        }
        if (journalPer.equals("iteration")) {
            closeJournal();
            journal = null;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (journal != null) {
            closeJournal();
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
     * The next alert's event: its rule's, with this alert's own time and pcap count, on one of
     * {@value #FLOWS} flows taken in a scattered order, whose addresses (1024 internal hosts, 512
     * external ones), ports and counters are the flow's.
     */
    private AlertEvent event(long i) {
        AlertEvent e = events[picks[(int) i & (PICKS - 1)]];
        e.timestampNanos = timestampNanos;
        e.pcapCnt = i;
        int flow = (int) ((i * 0x9E3779B1L) >>> 7) & (FLOWS - 1);
        e.flowId = 0x1_0000_0000_0000L + flow * 0x9E37L;
        e.ipv4(0x0A000000 | ((flow * 7) & 1023), 0xC6336400 + ((flow * 13) & 511));
        e.srcPort = 1024 + flow * 11;
        e.pktsToServer = 3 + (i & 7);
        e.pktsToClient = 2 + (i & 3);
        e.bytesToServer = 400 + (i & 1023);
        e.bytesToClient = 700 + (i & 4095);
        e.flowStartNanos = timestampNanos - 50_000_000L;
        return e;
    }

    /** The next alert's record, filled as {@code JournalAlerts.accept} (cli) fills it from the event. */
    private AlertRecord next() {
        long i = ++n;
        timestampNanos += 1000;
        int rule = picks[(int) i & (PICKS - 1)];
        AlertEvent e = event(i);
        AlertRecord a = record.clear();
        a.alertId = i;
        JournalAlerts.eventFields(e, a); // as the sink copies an event
        EveRuleInfo info = e.rule;
        a.gid = (int) info.gid();
        a.sid = info.sid();
        a.rev = revs[rule];
        a.ruleKey = ruleKey ? info : null;
        if (ruleKey) {
            a.textsFrom(RULE_TEXTS); // as JournalAlerts: copied when the journal needs them
        } else {
            JournalAlerts.copyTexts(info, a);
        }
        a.severity = priorities[rule];
        if (eveLine.equals("fields")) {
            JournalAlerts.eveFields(e, info, a);
        } else if (!eveLine.equals("none")) {
            eve.render(e);
            a.eve(eve.lineBytes(), 0, eve.lineLength());
            if (eveLine.equals("span")) {
                a.eveRuleSpan(eve.ruleSpanStart(), eve.ruleSpanLength());
            }
        }
        a.payload(e.payloadExcerpt, 0, e.payloadExcerptLength);
        return a;
    }

    /** A rule's texts, as JournalAlerts copies them from its compiled rule. */
    private static final AlertRecord.RuleTextSource RULE_TEXTS = (key, a) -> JournalAlerts.copyTexts((EveRuleInfo) key, a);

    @Benchmark
    public long append() {
        return journal.append(next());
    }

    @Benchmark
    public long sinkAccept() {
        return sink.accept(next());
    }
}
