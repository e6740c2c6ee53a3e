package dev.rampart.cli.demo;

import dev.rampart.alerts.IpText;
import dev.rampart.capture.CaptureException;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.cli.Main;
import dev.rampart.cli.rules.RuleCheck;
import dev.rampart.cli.scan.JournalAlerts;
import dev.rampart.cli.scan.ScanRun;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleError;
import dev.rampart.rules.config.SuricataConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rampart demo}: loads the embedded demo rules and capture, summarises both, runs them
 * through the packet path and the detection engine (what {@code rampart scan} runs) and lists the
 * alerts.
 */
@Command(name = "demo",
        description = {"Run Rampart on its embedded sample: load the demo rule set and capture, summarise both, "
                + "and run detection over the capture, listing the alerts."})
public final class DemoCommand implements Callable<Integer> {
    static final String RULES_RESOURCE = "/demo/demo.rules";
    static final String PCAP_RESOURCE = "/demo/demo.pcap";
    /** The demo network, as the demo rules expect it. */
    static final String DEMO_HOME_NET = "[192.168.56.0/24]";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = {"-S", "--rules"}, paramLabel = "FILE", description = "Use this rule file instead of the embedded one.")
    Path rulesFile;

    @Option(names = {"-r", "--pcap"}, paramLabel = "FILE", description = "Use this capture instead of the embedded one.")
    Path pcapFile;

    @Option(names = {"-J", "--journal"}, paramLabel = "DIR",
            description = "Journal the alerts (scored, with incidents) here for `rampart console` (default: a new temporary directory).")
    Path journalDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RuleEnvironment env = SuricataConfig.defaults()
                .set("vars.address-groups.HOME_NET=" + DEMO_HOME_NET)
                .toEnvironment();

        String rulesLabel = rulesFile == null ? "demo.rules (embedded)" : rulesFile.toString();
        String rulesText = rulesFile == null ? resourceText(RULES_RESOURCE) : Files.readString(rulesFile);
        RuleCheck.Result rules = RuleCheck.loadString(env, rulesFile == null ? "demo.rules" : rulesFile.toString(),
                rulesText);

        String pcapLabel = pcapFile == null ? "demo.pcap (embedded)" : pcapFile.toString();
        Path pcap = pcapFile == null ? embeddedCaptureFile() : pcapFile;
        CaptureSummary capture;
        try {
            CaptureFiles.Contents c = CaptureFiles.readAll(pcap);
            capture = CaptureSummary.of(c.packets(), c.linkType());
        } catch (CaptureException e) {
            throw new IOException(e.getMessage(), e);
        }

        out.println("Rampart demo: a sample rule set and capture, summarised.");
        out.println("HOME_NET for the demo: " + DEMO_HOME_NET);
        out.println();
        printRules(out, rulesLabel, rules);
        out.println();
        printCapture(out, pcapLabel, capture);
        out.println();
        List<String> alerts = new ArrayList<>();
        DetectionPlan plan = DetectionPlan.build(rules.loaded(), env);
        // the demo's results go to a journal too, for the console
        Path demoDir = journalDir == null ? Files.createTempDirectory("rampart-demo") : null;
        Path journal = journalDir != null ? journalDir : demoDir.resolve("journal");
        Path rulesDir = rulesFile != null ? rulesFile.toAbsolutePath().getParent() : (demoDir != null ? demoDir : journal.toAbsolutePath().getParent()).resolve("rules");
        if (rulesFile == null) {
            Files.createDirectories(rulesDir);
            Files.writeString(rulesDir.resolve("demo.rules"), rulesText);
        }
        long journaled;
        long incidents;
        try (JournalAlerts sink = new JournalAlerts(journal)) {
            DetectStage detect = new DetectStage(plan, (a, rule) -> {
                alerts.add(String.format("  %-23s %-8d %-7s %-39s %s",
                        TIME.format(Instant.ofEpochSecond(0, a.timestampNanos)).replace(" UTC", ""), rule.sid(),
                        a.blocked ? "blocked" : rule.action().text(), tuple(a), rule.msg()));
                sink.accept(a, rule);
            });
            printPacketPath(out, pcap, detect);
            journaled = sink.alerts();
            incidents = sink.incidents();
        }
        out.println();
        out.printf("Detection: %d rules evaluated, %d not supported by the engine yet; %d alerts%n", plan.ruleCount(),
                plan.skipped().size(), alerts.size());
        for (DetectionPlan.Skipped sk : plan.skipped()) {
            out.println("  not loaded: sid " + sk.rule().sid() + ": " + sk.reason());
        }
        if (!alerts.isEmpty()) {
            out.printf("  %-23s %-8s %-7s %-39s %s%n", "time (UTC)", "sid", "action", "packet", "msg");
            alerts.forEach(out::println);
        }
        out.println();
        out.println("The same run as EVE JSON: ./rampart scan -r CAPTURE -S RULES -l OUTDIR (alerts in OUTDIR/eve.json).");
        out.println();
        out.printf("Journal: %s (%d alert%s, %d incident%s). Open the demo's results in the console:%n", journal, journaled,
                journaled == 1 ? "" : "s", incidents, incidents == 1 ? "" : "s");
        out.println("  ./rampart console --journal " + journal + " --rules-dir " + rulesDir);
        out.println("and browse to http://127.0.0.1:8780/ (the first visit sets the operator password).");
        out.flush();
        return rules.failed() > 0 ? Main.FINDINGS : Main.OK;
    }

    /** The embedded capture as a temporary file, for the file capture reader. */
    private static Path embeddedCaptureFile() throws IOException {
        Path tmp = Files.createTempFile("rampart-demo", ".pcap");
        tmp.toFile().deleteOnExit();
        try (InputStream in = resource(PCAP_RESOURCE)) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    /** Runs the real packet path (what {@code rampart scan} runs) and prints its main counters. */
    private static String tuple(AlertEvent a) {
        String src = IpText.format(a.ipVersion, a.srcHi, a.srcLo);
        String dst = IpText.format(a.ipVersion, a.dstHi, a.dstLo);
        boolean ports = a.proto == 6 || a.proto == 17;
        return ports ? src + ":" + a.srcPort + " -> " + dst + ":" + a.dstPort : src + " -> " + dst;
    }

    private static void printPacketPath(PrintWriter out, Path pcap, DetectStage detect) {
        ScanRun.Result r = ScanRun.run(pcap, ChecksumMode.ALL, detect, null);
        Map<String, Object> s = r.stats();
        out.println("Packet path (decode, defragmentation, flows, TCP reassembly; as `rampart scan`)");
        out.printf("  decoder: %s packets, %s invalid, %s IPv4, %s IPv6, %s TCP, %s UDP%n",
                StatsTree.get(s, "decoder.pkts"), StatsTree.get(s, "decoder.invalid"), StatsTree.get(s, "decoder.ipv4"),
                StatsTree.get(s, "decoder.ipv6"), StatsTree.get(s, "decoder.tcp"), StatsTree.get(s, "decoder.udp"));
        out.printf("  flows:   %s total (%s TCP, %s UDP, %s ICMP)%n", StatsTree.get(s, "flow.total"),
                StatsTree.get(s, "flow.tcp"), StatsTree.get(s, "flow.udp"), StatsTree.get(s, "flow.icmpv4"));
        out.printf("  TCP:     %s sessions, %s SYN, %s RST, %s reassembly gaps, %s bad checksums%n",
                StatsTree.get(s, "tcp.sessions"), StatsTree.get(s, "tcp.syn"), StatsTree.get(s, "tcp.rst"),
                StatsTree.get(s, "tcp.reassembly_gap"), StatsTree.get(s, "tcp.invalid_checksum"));
        if (r.captureError() != null) {
            out.println("  capture error: " + r.captureError());
        }
    }

    private static void printRules(PrintWriter out, String label, RuleCheck.Result r) {
        RuleSummary s = RuleSummary.of(r);
        out.println("Rules: " + label);
        out.printf("  %d rules: %d loaded, %d failed%n", r.rules(), r.parsed(), r.failed());
        out.println("  by action:   " + RuleSummary.inline(s.actions()));
        out.println("  by protocol: " + RuleSummary.inline(s.protocols()));
        out.println("  by buffer:   " + RuleSummary.inline(s.buffers()));
        if (!r.loaded().isEmpty()) {
            out.println();
            out.printf("  %-8s %-6s %-5s %s%n", "sid", "action", "proto", "msg");
            for (Rule rule : r.loaded()) {
                out.printf("  %-8d %-6s %-5s %s%n", rule.sid(), rule.header().action().text(),
                        rule.header().protocol(), rule.msg());
            }
        }
        if (!r.failures().isEmpty()) {
            out.println();
            out.println("  rules that failed to load:");
            for (RuleError e : r.failures()) {
                out.println("  " + e);
            }
        }
    }

    private static void printCapture(PrintWriter out, String label, CaptureSummary c) {
        out.println("Capture: " + label);
        double seconds = (c.lastMicros() - c.firstMicros()) / 1e6;
        out.printf("  %d packets, %d bytes, %.3f s", c.packets(), c.bytes(), seconds);
        if (c.packets() > 0) {
            out.printf(" (%s to %s)", TIME.format(micros(c.firstMicros())), TIME.format(micros(c.lastMicros())));
        }
        out.println();
        out.println("  network:   " + RuleSummary.inline(RuleSummary.sorted(c.network())));
        out.println("  transport: " + RuleSummary.inline(RuleSummary.sorted(c.transport())));
        if (c.flows().isEmpty()) {
            return;
        }
        out.println();
        out.printf("  %d flows by 5-tuple (client is the first sender):%n", c.flows().size());
        out.printf("  %-5s %-21s    %-21s %5s %7s  %s%n", "proto", "client", "server", "pkts", "bytes", "app");
        for (CaptureSummary.Flow f : c.flows()) {
            var k = f.key();
            out.printf("  %-5s %-21s -> %-21s %5d %7d  %s%n", k.protocol(), endpoint(k.clientIp(), k.clientPort()),
                    endpoint(k.serverIp(), k.serverPort()), f.packets(), f.bytes(), f.app().isEmpty() ? "-" : f.app());
            for (String d : f.details()) {
                out.println("        " + d);
            }
        }
    }

    private static String endpoint(String ip, int port) {
        return port < 0 ? ip : (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static Instant micros(long us) {
        return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
    }

    static InputStream resource(String name) {
        InputStream in = DemoCommand.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("embedded resource missing: " + name + " (broken build?)");
        }
        return in;
    }

    static String resourceText(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
