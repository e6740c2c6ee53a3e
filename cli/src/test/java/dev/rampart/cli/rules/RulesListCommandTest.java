package dev.rampart.cli.rules;

import static dev.rampart.cli.rules.RuleSetFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesListCommandTest {
    private static final String MINIMAL_INCLUDES = "matches none of the include filters (metadata: signature_severity "
            + "Critical, metadata: signature_severity Major)";

    /** One row of the text table, cut at the header's column starts. */
    record Row(String sid, String msg, String enabled, String inOut, String why) {
    }

    /** Parses the table; checks that every row is aligned to the header and the count line ends it. */
    private static Map<String, Row> table(String out) {
        List<String> lines = out.replace("\r", "").lines().toList();
        String header = lines.get(0);
        int msg = header.indexOf("MSG");
        int en = header.indexOf("ENABLED");
        int io = header.indexOf("IN/OUT");
        int why = header.indexOf("WHY");
        assertTrue(header.startsWith("SID ") && msg > 0 && en > msg && io > en && why > io, header);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size() - 1)) {
            assertTrue(l.length() > why && l.charAt(why - 1) == ' ' && l.charAt(why) != ' ', "aligned: " + l);
            assertTrue(l.charAt(msg - 1) == ' ' && l.charAt(en - 1) == ' ' && l.charAt(io - 1) == ' ', l);
            Row r = new Row(l.substring(0, msg).strip(), l.substring(msg, en).strip(), l.substring(en, io).strip(),
                    l.substring(io, why).strip(), l.substring(why));
            rows.put(r.sid(), r);
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("rules: "), "count line last: " + out);
        return rows;
    }

    @Test
    void minimalProfileShowsInOutAndTheDecidingFilter(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Cli r = Cli.run(f.args("list", "--profile", "minimal", f.dir.toString(), f.local.toString()));
        assertEquals(0, r.exit, r.toString());
        Map<String, Row> rows = table(r.out);
        assertEquals(List.of("2000001", "2000002", "2000003", "2000004", "2000006", "2000005", "2000007", "2000008"),
                new ArrayList<>(rows.keySet()), "source order; the replacing rev keeps the place of the first");
        String p = "built-in profile minimal ";
        assertEquals(new Row("2000001", "ET EXPLOIT one", "yes", "IN",
                "included by " + p + "(metadata: signature_severity Critical)"), rows.get("2000001"));
        assertEquals(new Row("2000002", "ET EXPLOIT two heavy", "yes", "OUT",
                "excluded by " + p + "(metadata: performance_impact Significant)"), rows.get("2000002"));
        assertEquals(new Row("2000003", "ET EXPLOIT three v2", "yes", "OUT", MINIMAL_INCLUDES), rows.get("2000003"));
        assertEquals(new Row("2000004", "ET EXPLOIT four broken", "yes", "IN",
                "included by " + p + "(metadata: signature_severity Major); does not parse: unknown rule keyword "
                        + "'frobnicate'"), rows.get("2000004"));
        assertEquals(new Row("2000006", "ET EXPLOIT six", "yes", "IN",
                "included by " + p + "(metadata: signature_severity Critical)"), rows.get("2000006"));
        assertEquals(new Row("2000005", "ET INFO five", "yes", "OUT", "excluded by " + p + "(group:*info*)"),
                rows.get("2000005"));
        assertEquals(new Row("2000007", "ET INFO seven", "no", "OUT",
                "rule is disabled: disabled by " + f.disableConf + ":2 (2000007)"), rows.get("2000007"));
        assertEquals(new Row("2000008", "ET INFO eight EVIL", "yes", "OUT",
                "excluded by " + p + "(metadata: confidence Low)"), rows.get("2000008"));
        assertTrue(r.out.endsWith("rules: 8  enabled: 7  in: 3  out: 5  listed: 8\n"), r.out);
        assertTrue(r.err.contains("rampart: warning: 1 rule error ('rules update' prints each as file:line: sid N: "
                + "reason)"), r.err);
    }

    @Test
    void onlyInOrOut(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Cli in = Cli.run(f.args("list", "--profile", "balanced", "--only", "IN", f.dir.toString()));
        assertEquals(0, in.exit, in.toString());
        assertEquals(List.of("2000001", "2000003", "2000004", "2000006", "2000005", "2000008"),
                new ArrayList<>(table(in.out).keySet()));
        assertTrue(in.out.endsWith("rules: 8  enabled: 7  in: 6  out: 2  listed: 6\n"), in.out);
        Cli out = Cli.run(f.args("list", "--profile", "balanced", "--only", "out", f.dir.toString()));
        Map<String, Row> rows = table(out.out);
        assertEquals(List.of("2000002", "2000007"), new ArrayList<>(rows.keySet()));
        assertTrue(rows.values().stream().allMatch(r -> r.inOut().equals("OUT")));

        Cli inbound = Cli.run(f.args("list", "--profile", "balanced", "--direction", "inbound", "--only", "out",
                f.dir.toString()));
        Map<String, Row> ib = table(inbound.out);
        assertEquals(List.of("2000002", "2000003", "2000005", "2000007"), new ArrayList<>(ib.keySet()));
        assertEquals("direction outbound ($HOME_NET -> $EXTERNAL_NET) is not in the inbound set",
                ib.get("2000003").why());
    }

    @Test
    void withoutAProfileEveryEnabledRuleIsIn(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Cli r = Cli.run("rules", "list", f.exploit.toString());
        assertEquals(0, r.exit, r.toString());
        Map<String, Row> rows = table(r.out);
        assertEquals("no profile: every enabled rule is in", rows.get("2000001").why());
        assertEquals(new Row("2000006", "ET EXPLOIT six", "no", "OUT",
                "rule is disabled: disabled (commented out) in " + f.exploit + ":5"), rows.get("2000006"));
        assertTrue(r.out.endsWith("rules: 5  enabled: 4  in: 4  out: 1  listed: 5\n"), r.out);
    }

    @Test
    void jsonLinesCarryTheDocumentedFields(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Cli r = Cli.run(f.args("list", "--json", "--profile", "balanced", f.dir.toString(), f.local.toString()));
        assertEquals(0, r.exit, r.toString());
        ObjectMapper mapper = new ObjectMapper();
        Map<Long, JsonNode> bySid = new LinkedHashMap<>();
        for (String line : r.out.replace("\r", "").lines().toList()) {
            JsonNode j = mapper.readTree(line);
            List<String> fields = new ArrayList<>();
            j.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("sid", "gid", "rev", "msg", "file", "line", "enabled", "profile_in", "reason"), fields);
            assertTrue(j.get("sid").isIntegralNumber() && j.get("line").isInt() && j.get("enabled").isBoolean()
                    && j.get("profile_in").isBoolean(), line);
            bySid.put(j.get("sid").asLong(), j);
        }
        assertEquals(8, bySid.size(), r.out);

        JsonNode three = bySid.get(2000003L);
        assertEquals(1, three.get("gid").asInt());
        assertEquals(2, three.get("rev").asInt());
        assertEquals("ET EXPLOIT three v2", three.get("msg").asText());
        assertEquals(f.local.toString(), three.get("file").asText());
        assertEquals(1, three.get("line").asInt());
        assertTrue(three.get("enabled").asBoolean());
        assertTrue(three.get("profile_in").asBoolean());
        assertEquals("no exclude filter matches", three.get("reason").asText());

        JsonNode two = bySid.get(2000002L);
        assertEquals(f.exploit.toString(), two.get("file").asText());
        assertEquals(2, two.get("line").asInt());
        assertTrue(two.get("enabled").asBoolean());
        assertEquals(false, two.get("profile_in").asBoolean());
        assertEquals("excluded by built-in profile balanced (metadata: performance_impact Significant)",
                two.get("reason").asText());

        JsonNode seven = bySid.get(2000007L);
        assertEquals(false, seven.get("enabled").asBoolean());
        assertEquals(false, seven.get("profile_in").asBoolean());
        assertEquals("rule is disabled: disabled by " + f.disableConf + ":2 (2000007)", seven.get("reason").asText());

        assertEquals("ET INFO eight EVIL", bySid.get(2000008L).get("msg").asText(), "msg after modify.conf");
        assertTrue(r.err.contains("rules: 8  enabled: 7  in: 6  out: 2  listed: 8\n"), "count on stderr: " + r.err);
    }

    @Test
    void userProfileFileReasonsNameTheFileLine(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Path profiles = write(root.resolve("profiles.yaml"), """
                profiles:
                  dmz:
                    description: exploits against us
                    base: balanced
                    direction: inbound
                    include:
                      - group:emerging-exploit.rules
                    always:
                      - 2000005
                """);
        Cli r = Cli.run("rules", "list", "--profiles-file", profiles.toString(), "--profile", "dmz",
                f.dir.toString());
        assertEquals(0, r.exit, r.toString());
        Map<String, Row> rows = table(r.out);
        assertEquals("included by " + profiles + ":7 include (group:emerging-exploit.rules); base profile balanced: "
                + "no exclude filter matches", rows.get("2000001").why());
        assertEquals("base profile balanced: excluded by built-in profile balanced (metadata: performance_impact "
                + "Significant)", rows.get("2000002").why());
        assertEquals("direction outbound ($HOME_NET -> $EXTERNAL_NET) is not in the inbound set",
                rows.get("2000003").why());
        assertEquals("IN", rows.get("2000005").inOut());
        assertEquals("kept by always filter " + profiles + ":9 always (2000005)", rows.get("2000005").why());
        assertEquals("matches none of the include filters (group:emerging-exploit.rules)", rows.get("2000007").why());
        assertTrue(r.out.endsWith("rules: 8  enabled: 7  in: 3  out: 5  listed: 8\n"), r.out);
    }

    @Test
    void configAndUsageErrors(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Path enable = write(root.resolve("bad-enable.conf"), "metadata:nothing\n2000006\ngroup:\n");
        Cli bad = Cli.run("rules", "list", "--enable-conf", enable.toString(), f.dir.toString());
        assertEquals(1, bad.exit, bad.toString());
        assertEquals("", bad.out);
        List<String> err = bad.err.replace("\r", "").lines().toList();
        assertEquals(3, err.size(), bad.err);
        assertTrue(err.get(0).startsWith(enable + ":1: "), err.get(0));
        assertEquals(enable + ":3: group: needs a file name pattern", err.get(1));
        assertEquals("rampart: error: 2 configuration errors; nothing listed", err.get(2));

        assertEquals(2, Cli.run("rules", "list").exit, "SOURCE is required");
        Cli only = Cli.run("rules", "list", "--only", "maybe", f.dir.toString());
        assertEquals(2, only.exit, only.toString());
        assertTrue(only.err.contains("expected in or out, not 'maybe'"), only.err);
        Cli missing = Cli.run("rules", "list", root.resolve("nope").toString());
        assertEquals(1, missing.exit, missing.toString());
        assertTrue(missing.err.startsWith(root.resolve("nope") + ": no such file or directory\n"), missing.err);
        Cli dirConf = Cli.run("rules", "list", "--disable-conf", root.toString(), f.dir.toString());
        assertEquals(1, dirConf.exit, dirConf.toString());
        assertTrue(dirConf.err.startsWith(root + ": is a directory\n"), dirConf.err);
    }

    /** Path of the shared ET Open snapshot, or null. */
    static Path etOpen() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            Path s = p.resolve("../shared/rulesets/et-open").normalize();
            if (Files.isDirectory(s)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void etOpenMinimalKeepsFewerRulesThanBalanced() {
        Path et = etOpen();
        assumeTrue(et != null, "shared ET Open snapshot not found");
        Cli minimal = Cli.run("rules", "list", "--profile", "minimal", "--only", "in", et.toString());
        Cli balanced = Cli.run("rules", "list", "--profile", "balanced", "--only", "in", et.toString());
        assertEquals(0, minimal.exit, minimal.err);
        assertEquals(0, balanced.exit, balanced.err);
        Map<String, Row> m = table(minimal.out);
        Map<String, Row> b = table(balanced.out);
        System.out.printf("ET Open in: minimal %d, balanced %d%n", m.size(), b.size());
        assertTrue(m.values().stream().allMatch(r -> r.inOut().equals("IN")));
        assertTrue(b.values().stream().allMatch(r -> r.inOut().equals("IN")));
        assertTrue(m.size() > 1000 && m.size() < b.size(), m.size() + " vs " + b.size());
        assertTrue(minimal.out.endsWith("listed: " + m.size() + "\n"), "count line matches the rows");
        assertTrue(balanced.out.endsWith("listed: " + b.size() + "\n"));
    }
}
