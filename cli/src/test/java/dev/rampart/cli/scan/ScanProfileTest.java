package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.Cli;
import dev.rampart.cli.demo.DemoTraffic;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --profile-rules}: the profile of the demo capture, single and two workers, and how it is switched on. */
class ScanProfileTest {
    private static final String HOME = "vars.address-groups.HOME_NET=[192.168.56.0/24]";

    @TempDir
    Path dir;

    private Path pcap;
    private Path rules;

    private void demo() throws Exception {
        pcap = dir.resolve("demo.pcap");
        Files.write(pcap, DemoTraffic.pcapBytes());
        rules = dir.resolve("demo.rules");
        try (InputStream in = ScanProfileTest.class.getResourceAsStream("/demo/demo.rules")) {
            Files.write(rules, in.readAllBytes());
        }
    }

    private static Map<Long, JsonNode> bySid(JsonNode profile) {
        Map<Long, JsonNode> m = new HashMap<>();
        for (JsonNode r : profile.get("rules")) {
            m.put(r.get("signature_id").asLong(), r);
        }
        return m;
    }

    @Test
    void profileCountsEachAlertingRuleOnceAndIsSortedByTicks() throws Exception {
        demo();
        Path prof = dir.resolve("prof/rules.json");
        Cli r = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", dir.resolve("out").toString(),
                "--set", HOME, "--profile-rules", prof.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("rampart: rule profile " + prof), r.err);
        JsonNode p = new ObjectMapper().readTree(prof.toFile());
        assertEquals(15, p.get("rules").size());
        Map<Long, JsonNode> s = bySid(p);
        // Suricata alerts on 9000001-9000011 once each (ScanAlertsTest): one match each
        for (long sid = 9000001; sid <= 9000011; sid++) {
            JsonNode n = s.get(sid);
            assertEquals(1, n.get("matches").asLong(), n.toString());
            assertTrue(n.get("checks").asLong() >= 1 && n.get("ticks_total").asLong() > 0, n.toString());
        }
        long prev = Long.MAX_VALUE;
        for (JsonNode n : p.get("rules")) {
            long t = n.get("ticks_total").asLong();
            assertTrue(t <= prev, "sorted by ticks");
            prev = t;
            if (n.get("checks").asLong() == 0) {
                assertEquals(0, t, n.toString());
            }
        }
        assertTrue(p.get("prefilters").size() > 0);

        Cli table = Cli.run("rules", "profile", prof.toString(), "--top", "3");
        assertEquals(0, table.exit, table.toString());
        assertTrue(table.out.contains("rules by ticks (3 of 15;"), table.out);
    }

    @Test
    void workersProfilesAreMergedIntoOneFile() throws Exception {
        demo();
        Path single = dir.resolve("single.json");
        Path two = dir.resolve("two.json");
        Cli a = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", dir.resolve("o1").toString(),
                "--set", HOME, "--profile-rules", single.toString(), "-q");
        Cli b = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", dir.resolve("o2").toString(),
                "--set", HOME, "--profile-rules", two.toString(), "--runmode", "workers", "--threads", "2", "-q");
        assertEquals(0, a.exit, a.toString());
        assertEquals(0, b.exit, b.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode pb = json.readTree(two.toFile());
        assertEquals(2, pb.get("workers").asInt());
        Map<Long, JsonNode> sa = bySid(json.readTree(single.toFile()));
        Map<Long, JsonNode> sb = bySid(pb);
        // flows are worker-affine: the same checks and matches whatever the split
        for (Map.Entry<Long, JsonNode> e : sa.entrySet()) {
            assertEquals(e.getValue().get("checks").asLong(), sb.get(e.getKey()).get("checks").asLong(), e.toString());
            assertEquals(e.getValue().get("matches").asLong(), sb.get(e.getKey()).get("matches").asLong(), e.toString());
        }
    }

    @Test
    void setEnablesItOnlyFromTheCommandLine() throws Exception {
        demo();
        Path out = dir.resolve("out");
        Cli r = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(), "--set", HOME,
                "--set", "profiling.rules.enabled=yes", "-q");
        assertEquals(0, r.exit, r.toString());
        assertTrue(Files.isRegularFile(out.resolve("rule_perf.json")));

        // a configuration file with enabled: yes (Suricata's default suricata.yaml has it) does not profile
        Path yaml = Files.writeString(dir.resolve("s.yaml"), "%YAML 1.1\n---\nvars:\n  address-groups:\n"
                + "    HOME_NET: \"[192.168.56.0/24]\"\n    EXTERNAL_NET: \"!$HOME_NET\"\n"
                + "profiling:\n  rules:\n    enabled: yes\n    filename: rule_perf.log\n");
        Path out2 = dir.resolve("out2");
        Cli c = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out2.toString(), "-c",
                yaml.toString(), "-q");
        assertEquals(0, c.exit, c.toString());
        assertFalse(Files.exists(out2.resolve("rule_perf.log")));
        assertFalse(Files.exists(out2.resolve("rule_perf.json")));
        // the file's name applies when --set turns it on
        Path out3 = dir.resolve("out3");
        Cli d = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out3.toString(), "-c",
                yaml.toString(), "--set", "profiling.rules.enabled=yes", "-q");
        assertEquals(0, d.exit, d.toString());
        assertTrue(Files.isRegularFile(out3.resolve("rule_perf.log")));
    }
}
