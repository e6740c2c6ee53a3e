package dev.rampart.cli.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCheckCommandTest {
    private static final String GOOD = """
            # a comment
            alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"one"; http.uri; content:"/a"; nocase; \\
              content:"b"; distance:0; sid:1; rev:1;)
            alert tcp any any -> any 80 (msg:"two"; content:"GET"; depth:3; fast_pattern; content:"x"; http_uri; sid:2;)
            #alert tcp any any -> any any (msg:"disabled"; content:"z"; sid:3;)
            """;
    private static final String BAD = """
            alert tcp any any -> any any (msg:"bad"; frobnicate; sid:10;)
            alert tcp any any -> any any (msg:"dup"; content:"q"; sid:1; rev:1;)
            """;

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void secLangFilesAreCheckedInOrderWithRulesTheEngineWouldNotLoad(@TempDir Path dir) throws Exception {
        Path setup = write(dir, "setup.conf", "SecDefaultAction \"phase:2,log,pass\"\n");
        Path rules = write(dir, "rules/a.conf", """
                SecRule ARGS "@rx evil" "id:1,phase:2,pass,t:lowercase"
                SecRule ARGS "@detectSQLi" "id:2,phase:2,pass"
                """);
        Cli r = Cli.run("rules", "check", "--seclang", setup.toString(), "--seclang", rules.getParent().toString());
        assertEquals(1, r.exit, r.toString());
        assertEquals(List.of(rules + ":2: id 2: not loaded: @detectSQLi is not supported: libinjection is not available",
                "seclang: 1 rules loaded, 1 not loaded or not applied"), r.out.lines().toList());

        Path broken = write(dir, "broken.conf", "SecRule ARGS \"@rx a\" \"id:3,phase:2,pass,chain\"\n");
        Cli b = Cli.run("rules", "check", "--seclang", broken.toString());
        assertEquals(1, b.exit, b.toString());
        assertTrue(b.out.startsWith(broken + ":1: "), b.out);
        assertTrue(b.out.endsWith("seclang: does not load\n"), b.out);
    }

    @Test
    void cleanFileExitsZero(@TempDir Path dir) throws Exception {
        Path f = write(dir, "good.rules", GOOD);
        Cli r = Cli.run("rules", "check", f.toString());
        assertEquals(0, r.exit, r.toString());
        assertEquals("rules: 2  parsed: 2  failed: 0  not loaded: 0\n", r.out.replace("\r", ""));
    }

    @Test
    void failuresArePrintedAsFileLineSidReason(@TempDir Path dir) throws Exception {
        Path good = write(dir, "a/good.rules", GOOD);
        Path bad = write(dir, "b/bad.rules", BAD);
        Cli r = Cli.run("rules", "check", good.toString(), bad.toString());
        assertEquals(1, r.exit, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals(List.of(
                bad + ":1: sid 10: unknown rule keyword 'frobnicate'",
                bad + ":2: sid 1: duplicate signature: sid 1 already loaded at " + good + ":2",
                "rules: 4  parsed: 2  failed: 2  not loaded: 0"), lines);
    }

    @Test
    void rulesTheEngineWouldNotLoadAreReported(@TempDir Path dir) throws Exception {
        // parses, but Suricata's SigValidate refuses a packet keyword with an app-layer buffer, and so
        // does the engine: rules check says so instead of calling the file clean
        Path f = write(dir, "mixed.rules", GOOD
                + "alert http any any -> any any (msg:\"x\"; dsize:>10; http.method; content:\"PUT\"; sid:7;)\n");
        Cli r = Cli.run("rules", "check", f.toString());
        assertEquals(1, r.exit, r.toString());
        assertEquals(List.of(f + ":6: sid 7: not loaded: invalid: packet-specific keywords (dsize, flags, ttl ...) "
                + "combined with app-layer buffers or keywords", "rules: 3  parsed: 3  failed: 0  not loaded: 1"),
                r.out.lines().toList());
        Cli j = Cli.run("rules", "check", "--json", f.toString());
        JsonNode n = new ObjectMapper().readTree(j.out);
        assertEquals(1, n.get("not_loaded").asInt());
        assertEquals(7, n.get("not_loaded_rules").get(0).get("sid").asLong());
        assertTrue(n.get("not_loaded_rules").get(0).get("reason").asText().startsWith("invalid: packet-specific"));
    }

    @Test
    void directoriesAreSearchedForRuleFiles(@TempDir Path dir) throws Exception {
        write(dir, "x/good.rules", GOOD);
        write(dir, "x/sub/more.rules", "alert ip any any -> any any (msg:\"m\"; sid:5;)\n");
        write(dir, "x/notes.txt", "not rules");
        Cli r = Cli.run("rules", "check", dir.resolve("x").toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("rules: 3  parsed: 3  failed: 0  not loaded: 0"), r.out);
    }

    @Test
    void includeDisabledParsesCommentedRules(@TempDir Path dir) throws Exception {
        Path f = write(dir, "good.rules", GOOD);
        Cli r = Cli.run("rules", "check", "--include-disabled", f.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("rules: 3  parsed: 3  failed: 0  not loaded: 0"), r.out);
    }

    @Test
    void jsonHasExactlyTheDocumentedShape(@TempDir Path dir) throws Exception {
        Path f = write(dir, "mixed.rules", GOOD + BAD);
        Cli r = Cli.run("rules", "check", "--json", f.toString());
        assertEquals(1, r.exit, r.toString());
        assertEquals(1, r.out.lines().count(), "one JSON line: " + r.out);
        JsonNode j = new ObjectMapper().readTree(r.out);
        List<String> fields = new ArrayList<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("rules", "parsed", "failed", "failures", "not_loaded", "not_loaded_rules", "keywords"), fields);
        assertEquals(0, j.get("not_loaded").asInt());
        assertEquals(4, j.get("rules").asInt());
        assertEquals(2, j.get("parsed").asInt());
        assertEquals(2, j.get("failed").asInt());
        JsonNode f0 = j.get("failures").get(0);
        List<String> ffields = new ArrayList<>();
        f0.fieldNames().forEachRemaining(ffields::add);
        assertEquals(List.of("file", "line", "sid", "reason", "enabled"), ffields);
        assertEquals(f.toString(), f0.get("file").asText());
        assertEquals(6, f0.get("line").asInt());
        assertEquals(10, f0.get("sid").asLong());
        assertEquals("unknown rule keyword 'frobnicate'", f0.get("reason").asText());
        assertTrue(f0.get("line").isInt() && f0.get("sid").isNumber());

        JsonNode k = j.get("keywords");
        assertEquals(4, k.get("content").asInt());
        assertEquals(2, k.get("msg").asInt());
        assertEquals(2, k.get("sid").asInt());
        assertEquals(1, k.get("rev").asInt());
        assertEquals(1, k.get("nocase").asInt());
        assertEquals(1, k.get("distance").asInt());
        assertEquals(1, k.get("depth").asInt());
        assertEquals(1, k.get("fast_pattern").asInt());
        assertEquals(2, k.get("http.uri").asInt(), "sticky buffer and legacy http_uri both count as http.uri");
        assertFalse(k.has("http_uri"));
        // most used first
        Iterator<String> names = k.fieldNames();
        assertEquals("content", names.next());
    }

    @Test
    void jsonOfACleanFile(@TempDir Path dir) throws Exception {
        Path f = write(dir, "good.rules", GOOD);
        Cli r = Cli.run("rules", "check", "--json", f.toString());
        assertEquals(0, r.exit, r.toString());
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertTrue(j.get("failures").isArray());
        assertEquals(0, j.get("failures").size());
    }

    @Test
    void configVariablesAndSetOverrides(@TempDir Path dir) throws Exception {
        Path rules = write(dir, "v.rules", "alert tcp $MY_NET any -> any $MY_PORTS (msg:\"v\"; sid:1;)\n");
        Cli noVar = Cli.run("rules", "check", rules.toString());
        assertEquals(1, noVar.exit, noVar.toString());
        assertTrue(noVar.out.contains("undefined address variable $MY_NET"), noVar.out);

        Path yaml = write(dir, "suricata.yaml", """
                %YAML 1.1
                ---
                vars:
                  address-groups:
                    MY_NET: "[10.0.0.0/8]"
                  port-groups:
                    MY_PORTS: 8080
                wibble: 1
                """);
        Cli ok = Cli.run("rules", "check", "-c", yaml.toString(), rules.toString());
        assertEquals(0, ok.exit, ok.toString());
        assertTrue(ok.err.contains("warning: " + yaml + ": unknown key 'wibble' (kept)"), ok.err);

        Cli set = Cli.run("rules", "check", "--set", "vars.address-groups.MY_NET=192.168.0.0/16",
                "--set", "vars.port-groups.MY_PORTS=[80,81]", rules.toString());
        assertEquals(0, set.exit, set.toString());

        Cli badNet = Cli.run("rules", "check", "-c", yaml.toString(), "--set",
                "vars.address-groups.MY_NET=[999.1.1.1]", rules.toString());
        assertEquals(1, badNet.exit, badNet.toString());
    }

    @Test
    void ruleFilesComeFromTheConfigWhenNoPathIsGiven(@TempDir Path dir) throws Exception {
        write(dir, "rules/local.rules", "alert tcp any any -> any any (msg:\"l\"; sid:1;)\n");
        Path yaml = write(dir, "suricata.yaml", "%YAML 1.1\n---\ndefault-rule-path: " + dir.resolve("rules")
                + "\nrule-files:\n  - local.rules\n");
        Cli r = Cli.run("rules", "check", "-c", yaml.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("rules: 1  parsed: 1  failed: 0  not loaded: 0"), r.out);
    }

    @Test
    void classificationFileFromSetIsChecked(@TempDir Path dir) throws Exception {
        Path cls = write(dir, "classification.config", "config classification: known,Known,1\n");
        Path rules = write(dir, "c.rules", "alert tcp any any -> any any (msg:\"a\"; classtype:known; sid:1;)\n"
                + "alert tcp any any -> any any (msg:\"b\"; classtype:unknown-one; sid:2;)\n");
        Cli r = Cli.run("rules", "check", "--set", "classification-file=" + cls, rules.toString());
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains(":2: sid 2: classtype: unknown classtype \"unknown-one\""), r.out);
    }

    @Test
    void usageErrors(@TempDir Path dir) throws Exception {
        Path f = write(dir, "good.rules", GOOD);
        assertEquals(2, Cli.run("rules", "check").exit, "no path and no config");
        Cli badSet = Cli.run("rules", "check", "--set", "novalue", f.toString());
        assertEquals(2, badSet.exit, badSet.toString());
        assertTrue(badSet.err.contains("--set expects key=value"), badSet.err);
        assertEquals(2, Cli.run("rules", "check", "--set").exit, "option without its value");
    }

    @Test
    void missingFilesAreFailures(@TempDir Path dir) {
        Cli r = Cli.run("rules", "check", dir.resolve("nope.rules").toString());
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.err.contains("rampart: error: no such file or directory"), r.err);
        Cli c = Cli.run("rules", "check", "-c", dir.resolve("nope.yaml").toString(), dir.toString());
        assertEquals(1, c.exit, c.toString());
        assertTrue(c.err.contains("configuration file not found"), c.err);
    }

    @Test
    void brokenYamlIsAFailureWithFileAndLine(@TempDir Path dir) throws Exception {
        Path yaml = write(dir, "bad.yaml", "%YAML 1.1\n---\nvars: [1, 2\n");
        Cli r = Cli.run("rules", "check", "-c", yaml.toString(), dir.toString());
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.err.contains("rampart: error: " + yaml + ":"), r.err);
    }
}
