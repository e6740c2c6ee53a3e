package dev.rampart.cli.rules;

import static dev.rampart.cli.rules.RuleSetFixture.R1_DROP;
import static dev.rampart.cli.rules.RuleSetFixture.R2;
import static dev.rampart.cli.rules.RuleSetFixture.R3_V2;
import static dev.rampart.cli.rules.RuleSetFixture.R4_BAD;
import static dev.rampart.cli.rules.RuleSetFixture.R5;
import static dev.rampart.cli.rules.RuleSetFixture.R6_SHIPPED_OFF;
import static dev.rampart.cli.rules.RuleSetFixture.R7;
import static dev.rampart.cli.rules.RuleSetFixture.R8_MODIFIED;
import static dev.rampart.cli.rules.RuleSetFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.rampart.cli.Cli;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesUpdateCommandTest {

    private static List<String> lines(String s) {
        return s.replace("\r", "").lines().toList();
    }

    @Test
    void minimalProfileWritesTheFileAndSummary(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Path out = root.resolve("out/rampart.rules");
        Cli r = Cli.run(f.args("update", "--source", f.dir.toString(), "--source", f.local.toString(),
                "--profile", "minimal", "-o", out.toString()));
        assertEquals(1, r.exit, "a rule that does not parse: " + r);
        assertEquals(List.of(
                f.exploit + ":4: sid 2000004: unknown rule keyword 'frobnicate'",
                "sources: 2 (3 rule files)",
                "  " + f.dir,
                "  " + f.local,
                "rules: 8  read: 9  duplicates: 1",
                "disabled by filter: 1  enabled by filter: 1  dropped: 1  modified: 1",
                "profile minimal: in 3  out 4",
                "  in      2  included by built-in profile minimal (metadata: signature_severity Critical)",
                "  in      1  included by built-in profile minimal (metadata: signature_severity Major)",
                "  out     1  excluded by built-in profile minimal (group:*info*)",
                "  out     1  excluded by built-in profile minimal (metadata: confidence Low)",
                "  out     1  excluded by built-in profile minimal (metadata: performance_impact Significant)",
                "  out     1  matches none of the include filters (metadata: signature_severity Critical, "
                        + "metadata: signature_severity Major)",
                "enabled for flowbits: 0",
                "enabled: 3  disabled: 5  active: 2  failed: 1",
                "wrote 8 rules (2 active) to " + out), lines(r.out));
        assertEquals("rampart: warning: " + f.exploit + ":3: sid 1:2000003 rev 1 replaced by rev 2 at " + f.local
                + ":1\n", r.err.replace("\r", ""));

        assertEquals(List.of(
                "# Rules written by Rampart rule update",
                "# profile: minimal",
                "# active: 2, enabled but not loadable: 1, total: 8",
                R1_DROP,
                "# " + R2,
                "# " + R3_V2,
                "# rampart: " + f.exploit + ":4: does not parse: unknown rule keyword 'frobnicate'",
                "# " + R4_BAD,
                R6_SHIPPED_OFF,
                "# " + R5,
                "# " + R7,
                "# " + R8_MODIFIED), Files.readAllLines(out));
    }

    @Test
    void balancedKeepsMoreAndAllowsTheDisableConfToSilenceTheBrokenRule(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Path out = root.resolve("balanced.rules");
        Cli r = Cli.run(f.args("update", "--source", f.dir.toString(), "--source", f.local.toString(),
                "--profile", "balanced", "-o", out.toString()));
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains("profile balanced: in 6  out 1\n"
                + "  in      6  no exclude filter matches\n"
                + "  out     1  excluded by built-in profile balanced (metadata: performance_impact Significant)\n"),
                r.out);
        assertTrue(r.out.contains("enabled: 6  disabled: 2  active: 5  failed: 1\n"), r.out);
        assertEquals(List.of(
                "# Rules written by Rampart rule update",
                "# profile: balanced",
                "# active: 5, enabled but not loadable: 1, total: 8",
                R1_DROP,
                "# " + R2,
                R3_V2,
                "# rampart: " + f.exploit + ":4: does not parse: unknown rule keyword 'frobnicate'",
                "# " + R4_BAD,
                R6_SHIPPED_OFF,
                R5,
                "# " + R7,
                R8_MODIFIED), Files.readAllLines(out));

        // a disabled rule is no error: disabling the broken one gives a clean update
        Path disable = write(root.resolve("disable2.conf"), "2000007\n2000004\n");
        Cli clean = Cli.run("rules", "update", "--source", f.dir.toString(), "--disable-conf", disable.toString(),
                "-o", out.toString());
        assertEquals(0, clean.exit, clean.toString());
        assertFalse(clean.out.contains("profile"), "no profile, no decision counts: " + clean.out);
        assertTrue(clean.out.contains("rules: 8  read: 8  duplicates: 0\n"
                + "disabled by filter: 2  enabled by filter: 0  dropped: 0  modified: 0\n"), clean.out);
        assertTrue(clean.out.contains("enabled: 5  disabled: 3  active: 5  failed: 0\n"), clean.out);
        assertFalse(Files.readString(out).contains("# rampart:"), "no rule written with an error");
    }

    @Test
    void directionCutsTheProfileAndIsCountedPerDirection(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Cli r = Cli.run(f.args("update", "--source", f.dir.toString(), "--profile", "balanced", "--direction",
                "inbound", "-o", root.resolve("in.rules").toString()));
        assertEquals(1, r.exit, r.toString());
        // 2000003 and 2000005 look from home to outside; the rule header is not repeated per rule
        assertTrue(r.out.contains("profile balanced/inbound: in 4  out 3\n"
                + "  in      4  no exclude filter matches\n"
                + "  out     2  direction outbound is not in the inbound set\n"
                + "  out     1  excluded by built-in profile balanced (metadata: performance_impact Significant)\n"),
                r.out);
        assertTrue(Files.readString(root.resolve("in.rules")).contains("# profile: balanced/inbound\n"));

        Cli only = Cli.run("rules", "update", "--source", f.dir.toString(), "--direction", "outbound",
                "-o", root.resolve("out.rules").toString());
        assertTrue(only.out.contains("profile full/outbound: in 5  out 2\n"), "a direction alone cuts the full set: "
                + only.out);
    }

    @Test
    void configErrorsAreAllPrintedAndNothingIsWritten(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Path disable = write(root.resolve("bad-disable.conf"), "2000007\nre:(unclosed\n");
        Path modify = write(root.resolve("bad-modify.conf"), "# ok\n2000008 \"only-two-words\"\n");
        Path profiles = write(root.resolve("profiles.yaml"), "profiles:\n  mine:\n    base: nosuch\n");
        Path out = root.resolve("never.rules");
        Cli r = Cli.run("rules", "update", "--source", f.dir.toString(), "--source", root.resolve("gone").toString(),
                "--disable-conf", disable.toString(), "--modify-conf", modify.toString(),
                "--enable-conf", root.resolve("missing.conf").toString(),
                "--profiles-file", profiles.toString(), "--profile", "mine", "-o", out.toString());
        assertEquals(1, r.exit, r.toString());
        assertEquals("", r.out);
        List<String> err = lines(r.err);
        assertEquals(6, err.size(), r.err);
        assertEquals(root.resolve("gone") + ": no such file or directory", err.get(0));
        assertEquals(root.resolve("missing.conf") + ": no such file", err.get(1));
        assertTrue(err.get(2).startsWith(disable + ":2: re: invalid regular expression"), err.get(2));
        assertEquals(modify + ":2: expected <selector> \"<from regex>\" \"<to>\", found 2 words", err.get(3));
        assertEquals(profiles + ":3: profile \"mine\": unknown base profile \"nosuch\"", err.get(4));
        assertEquals("rampart: error: 5 configuration errors; no rules written", err.get(5));
        assertFalse(Files.exists(out));
    }

    @Test
    void aModificationThatBreaksTheRuleIsAnErrorWithFileAndLine(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Path modify = write(root.resolve("modify.conf"), "\n2000005 \"content\" \"frobnicate\"\n");
        Path out = root.resolve("m.rules");
        Cli r = Cli.run("rules", "update", "--source", f.info.toString(), "--modify-conf", modify.toString(),
                "-o", out.toString());
        assertEquals(1, r.exit, r.toString());
        String first = lines(r.out).get(0);
        assertTrue(first.startsWith(f.info + ":2: sid 2000005: modified by " + modify
                + ":2 (2000005) makes the rule invalid (unknown rule keyword 'frobnicate')"), first);
        assertTrue(r.out.contains("modified: 0\n"), r.out);
        assertTrue(r.out.contains("active: 3  failed: 0\n"), "the rule keeps its text: " + r.out);
        assertTrue(Files.readAllLines(out).contains(R5));
    }

    @Test
    void deletedRulesFilesAreIgnoredByDefault(@TempDir Path root) throws Exception {
        write(root.resolve("et/emerging-deleted.rules"), "alert tcp any any -> any any (msg:\"gone\"; sid:9; rev:1;)\n");
        write(root.resolve("et/emerging-a.rules"), "alert tcp any any -> any any (msg:\"a\"; sid:1; rev:1;)\n");
        Path out = root.resolve("o.rules");
        Cli r = Cli.run("rules", "update", "--source", root.resolve("et").toString(), "-o", out.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains("rampart: warning: " + root.resolve("et/emerging-deleted.rules") + ": ignored"),
                r.err);
        assertTrue(r.out.contains("rules: 1  read: 1"), r.out);

        Cli all = Cli.run("rules", "update", "--source", root.resolve("et").toString(), "--ignore", "",
                "-o", out.toString());
        assertTrue(all.out.contains("rules: 2  read: 2"), all.out);
        Cli other = Cli.run("rules", "update", "--source", root.resolve("et").toString(), "--ignore", "*-a.rules",
                "-o", out.toString());
        assertTrue(other.out.contains("rules: 1  read: 1"), "--ignore replaces the default: " + other.out);
        assertTrue(Files.readString(out).contains("msg:\"gone\""));
    }

    @Test
    void downloadsAreCheckedAgainstSha256AndCached(@TempDir Path root) throws Exception {
        byte[] body = (RuleSetFixture.R1 + "\n").getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/et/local.rules", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/et/local.rules";
            Path out = root.resolve("dl.rules");
            Path cache = root.resolve("cache");
            Cli ok = Cli.run("rules", "update", "--source", url, "--sha256", sha.toUpperCase(), "--cache-dir",
                    cache.toString(), "-o", out.toString());
            assertEquals(0, ok.exit, ok.toString());
            assertTrue(ok.out.contains("sources: 1 (1 rule files)\n  " + url + "\n"), ok.out);
            assertTrue(ok.err.contains("rampart: " + url + ": downloaded " + body.length + " bytes"), ok.err);
            assertTrue(Files.readAllLines(out).contains(RuleSetFixture.R1));
            try (Stream<Path> s = Files.list(cache)) {
                assertEquals(1, s.filter(p -> p.getFileName().toString().endsWith("-local.rules")).count());
            }

            Cli bad = Cli.run("rules", "update", "--source", url, "--sha256", "0".repeat(64), "-o",
                    root.resolve("bad.rules").toString());
            assertEquals(1, bad.exit, bad.toString());
            assertTrue(bad.err.contains("rampart: error: " + url + ": checksum mismatch: expected sha256:"), bad.err);
            assertFalse(Files.exists(root.resolve("bad.rules")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void usageErrors(@TempDir Path root) throws Exception {
        RuleSetFixture f = new RuleSetFixture(root);
        Cli none = Cli.run("rules", "update", "-o", root.resolve("x.rules").toString());
        assertEquals(2, none.exit, none.toString());
        assertTrue(none.err.startsWith("no rule sources: give --source DIR|FILE|URL"), none.err);

        String src = f.dir.toString();
        Cli dir = Cli.run("rules", "update", "--source", src, "--direction", "sideways");
        assertEquals(2, dir.exit, dir.toString());
        assertTrue(dir.err.contains("direction must be inbound, outbound or both, not 'sideways'"), dir.err);

        Cli prof = Cli.run("rules", "update", "--source", src, "--profile", "tiny");
        assertEquals(2, prof.exit, prof.toString());
        assertTrue(prof.err.contains("unknown profile \"tiny\" (known: minimal, balanced, full)"), prof.err);

        Cli sha = Cli.run("rules", "update", "--source", src, "--sha256", "ab");
        assertEquals(2, sha.exit, sha.toString());
        assertTrue(sha.err.contains("give exactly one http(s) --source (found 0)"), sha.err);
        Cli shaHex = Cli.run("rules", "update", "--source", "https://example.invalid/x.rules", "--sha256", "xyz");
        assertEquals(2, shaHex.exit, shaHex.toString());
        assertTrue(shaHex.err.contains("--sha256: SHA-256 checksum must be 64 hex digits"), shaHex.err);

        Path profiles = write(root.resolve("p.yaml"), "profiles: {}\n");
        Cli pf = Cli.run("rules", "update", "--source", src, "--profiles-file", profiles.toString());
        assertEquals(2, pf.exit, pf.toString());
        assertTrue(pf.err.contains("--profiles-file needs --profile NAME"), pf.err);
    }
}
