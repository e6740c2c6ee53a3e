package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ET Open enabled set on traffic built from its own rules: {@code tools/rule-trigger-captures}
 * writes one session per rule carrying the rule's contents in the buffers it inspects (HTTP, DNS,
 * TLS with SNI and certificates, raw TCP and UDP captures, ~18,000 sessions), and the engine's
 * alerts must be the ones suricata 7.0.10 gave on the same captures with the same rules, per capture as a (sid, pcap_cnt)
 * multiset, recorded by {@code tools/oracle-alerts-diff --record} (rule-trigger-alerts.txt.gz,
 * 15,514 alerts). Where thousands of rules match, a change in any keyword, buffer or parser shows
 * up here. Skipped without the shared ET Open snapshot or python3.
 */
class RuleTriggerAlertsTest {
    /**
     * Both rules read http.content_len with "byte_test:0,...,string,dec". On their session alone
     * the reference gives what the buffer says (2044240 alerts, 2049830 with "Content-Length: 0"
     * does not); inside a whole capture its result depended on which flows came before (in an
     * earlier version of these captures 2044240 was missing after sessions 56927-65927 and present
     * after other prefixes), by the look of it a read past the 1-byte buffer (not confirmed). Left
     * out of the comparison so that the test does not hang on that.
     */
    private static final String BYTE_TEST_0 = "the reference's byte_test of 0 bytes depends on earlier flows";

    /** Alerts that still differ from the reference ("capture sid@pcap_cnt"), and why. */
    private static final Map<String, String> KNOWN = Map.of(
            "trigger-http.pcap 2044240@66935", BYTE_TEST_0,
            "trigger-http.pcap 2049830@61463", BYTE_TEST_0);

    @TempDir
    static Path out;

    @TestFactory
    List<DynamicTest> etOpenAlertsOnRuleTriggeredTrafficMatchSuricata() throws Exception {
        Path shared = Path.of(System.getProperty("rampart.shared", "../../shared"));
        Path et = shared.resolve("rulesets/et-open");
        Path tool = Path.of("..", "tools", "rule-trigger-captures");
        Map<String, Map<String, Integer>> expected = recorded();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : expected.entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Assumptions.assumeTrue(Files.isDirectory(et), "ET Open not available under " + shared);
                Assumptions.assumeTrue(Files.isRegularFile(tool), "tools/rule-trigger-captures not found");
                Path pcap = captures(tool, et).resolve(e.getKey());
                Map<String, Integer> got = OracleEtAlertsTest.scan(OracleEtAlertsTest.etPlan(et), pcap);
                Map<String, Integer> want = new TreeMap<>(e.getValue());
                for (String k : KNOWN.keySet()) {
                    if (k.startsWith(e.getKey() + " ")) {
                        String key = k.substring(e.getKey().length() + 1);
                        got.remove(key);
                        want.remove(key);
                    }
                }
                Map<String, Integer> onlyReference = minus(want, got);
                Map<String, Integer> onlyUs = minus(got, want);
                // the differences only: a capture holds thousands of alerts
                assertEquals("only the reference: {}; only rampart: {}", "only the reference: " + onlyReference
                        + "; only rampart: " + onlyUs);
            }));
        }
        return tests;
    }

    /** What {@code a} has beyond {@code b}, per "sid@pcap_cnt". */
    private static Map<String, Integer> minus(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> d = new TreeMap<>();
        a.forEach((k, n) -> {
            int left = n - b.getOrDefault(k, 0);
            if (left > 0) {
                d.put(k, left);
            }
        });
        return d;
    }

    private static Path generated;

    /** The captures, written once per run (deterministic: the same rules give the same bytes). */
    private static synchronized Path captures(Path tool, Path et) throws IOException, InterruptedException {
        if (generated == null) {
            Process p;
            try {
                p = new ProcessBuilder("python3", tool.toString(), "--rules-dir", et.toString(), "--out",
                        out.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("python3 not available: " + e.getMessage());
                throw e;
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("rule-trigger-captures failed: " + log);
            }
            generated = out;
        }
        return generated;
    }

    /** rule-trigger-alerts.txt.gz: "capture sid pcap_cnt count" lines, as OracleEtAlertsTest's file. */
    private static Map<String, Map<String, Integer>> recorded() throws IOException {
        return OracleEtAlertsTest.recorded("rule-trigger-alerts.txt.gz");
    }
}
