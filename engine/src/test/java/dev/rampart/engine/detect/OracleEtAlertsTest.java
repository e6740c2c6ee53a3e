package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleFileLoader;
import dev.rampart.rules.RuleParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole ET Open set (the rules the engine loads) against Suricata 7.0.10's alerts on the
 * suricata-verify captures where the reference alerted, as recorded by
 * {@code tools/oracle-alerts-diff --record}: per capture, the (sid, pcap_cnt) multiset must be
 * the reference's, except for the differences listed in {@link #KNOWN} with their cause.
 * Skipped where the shared checkout (ET Open, suricata-verify) is absent.
 */
class OracleEtAlertsTest {
    /** Captures whose alerts still differ from the reference, and why. */
    private static final Map<String, String> KNOWN = Map.of(
            "http2-bugfixes/input.pcap", "HTTP/2: no HTTP/2 parser (Suricata's http rules match HTTP/2 transactions)",
            "bug-5929-02/http2_multiple_headers.pcap", "HTTP/2: no HTTP/2 parser");

    private static DetectionPlan plan;

    @TestFactory
    List<DynamicTest> etOpenAlertsMatchSuricata() throws IOException {
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared"));
        Path tests = shared.resolve("conformance/suricata-verify/tests");
        Path et = shared.resolve("rulesets/et-open");
        Map<String, Map<String, Integer>> expected = expected();
        List<DynamicTest> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : expected.entrySet()) {
            Path pcap = tests.resolve(e.getKey());
            out.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Assumptions.assumeTrue(Files.isRegularFile(pcap) && Files.isDirectory(et),
                        "suricata-verify / ET Open not available under " + shared);
                Assumptions.assumeFalse(KNOWN.containsKey(e.getKey()), () -> "known difference: " + KNOWN.get(e.getKey()));
                assertEquals(e.getValue(), scan(etPlan(et), pcap));
            }));
        }
        return out;
    }

    static synchronized DetectionPlan etPlan(Path dir) throws IOException {
        if (plan == null) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".rules")).sorted().toList();
            }
            List<Rule> rules = new RuleFileLoader(new RuleParser(), false).load(files).rules();
            plan = DetectionPlan.build(rules, RuleEnvironment.suricataDefaults());
        }
        return plan;
    }

    /** "sid@pcap_cnt" ("-" for flow-timeout pseudo packets) to count, as rampart scan -k none gives them. */
    static Map<String, Integer> scan(DetectionPlan plan, Path pcap) throws IOException {
        Map<String, Integer> got = new TreeMap<>();
        DetectStage stage = new DetectStage(plan, (alert, rule) -> got.merge(rule.sid() + "@"
                + (alert.pktSrc == dev.rampart.engine.output.eve.AlertEvent.PktSrc.FLOW_TIMEOUT ? "-" : alert.pcapCnt),
                1, Integer::sum));
        PacketPath path = PacketPath.withDetection(new PacketPath.Config(), stage);
        try (FrameSource src = CaptureFiles.open(pcap)) {
            while (src.poll(path, 1024) >= 0) {
                // keep reading
            }
        } catch (CaptureException e) {
            // frames before the damage were processed, as the reference does
        }
        path.finish();
        return got;
    }

    /** The recorded file: "test/pcap sid pcap_cnt count" lines. */
    static Map<String, Map<String, Integer>> expected() throws IOException {
        return recorded("oracle-et-alerts.txt");
    }

    /**
     * A recorded oracle alert list (a resource of this package, gzip-compressed when its name ends
     * in .gz): "capture sid pcap_cnt count" lines → per capture, "sid@pcap_cnt" → count.
     */
    static Map<String, Map<String, Integer>> recorded(String resource) throws IOException {
        try (InputStream in = OracleEtAlertsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " missing from test resources");
            }
            InputStream text = resource.endsWith(".gz") ? new java.util.zip.GZIPInputStream(in) : in;
            return parseRecorded(new String(text.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Map<String, Integer>> parseRecorded(String text) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            out.computeIfAbsent(f[0], k -> new TreeMap<>()).merge(f[1] + "@" + f[2], Integer.parseInt(f[3]),
                    Integer::sum);
        }
        return out;
    }
}
