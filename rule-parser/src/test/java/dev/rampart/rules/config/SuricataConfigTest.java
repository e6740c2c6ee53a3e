package dev.rampart.rules.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.rules.Corpus;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuricataConfigTest {

    private static final String HEADER = "%YAML 1.1\n---\n";

    @Test
    void realSuricata8ConfigGivesTheDefaultVariables() {
        Path shared = Corpus.shared();
        assumeTrue(shared != null, "shared folder not found");
        Path yaml = shared.resolve("tools/sv-check-data/suricata-8.0.0.yaml");
        assumeTrue(Files.isRegularFile(yaml), "suricata-8.0.0.yaml not found");

        SuricataConfig c = SuricataConfig.load(yaml);
        Map<String, String> a = c.addressGroups();
        assertEquals("[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]", a.get("HOME_NET"));
        assertEquals("!$HOME_NET", a.get("EXTERNAL_NET"));
        assertEquals("$EXTERNAL_NET", a.get("AIM_SERVERS"));
        assertEquals(RuleEnvironment.defaultAddressVars(), a);
        // numbers stay text, as Suricata reads them
        assertEquals("1521", c.portGroups().get("ORACLE_PORTS"));
        assertEquals("[5060, 5061]", c.portGroups().get("SIP_PORTS"));
        assertEquals(RuleEnvironment.defaultPortVars(), c.portGroups());

        assertEquals("/usr/local/etc/suricata/classification.config", c.classificationFile());
        assertEquals("/usr/local/etc/suricata/reference.config", c.referenceConfigFile());
        assertNull(c.thresholdFile(), "threshold-file is commented out in the default file");
        assertEquals("/usr/local/var/lib/suricata/rules", c.defaultRulePath());
        assertEquals(List.of("suricata.rules"), c.ruleFiles());
        assertEquals(List.of(Path.of("/usr/local/var/lib/suricata/rules/suricata.rules")), c.ruleFilePaths());
        // unrelated sections are kept as-is
        assertEquals("yes", c.getString("stats.enabled"));
        assertEquals("8", c.getString("stats.interval"));
        assertEquals("fast", ((Map<?, ?>) ((List<?>) c.get("outputs")).get(0)).keySet().iterator().next());
        assertEquals("fast.log", c.getString("outputs.0.fast.filename"));
        assertTrue(c.warnings().stream().noneMatch(w -> w.contains("unknown key")), c.warnings().toString());
    }

    @Test
    void realConfigWithSharedTablesGivesAWorkingEnvironment() throws Exception {
        Path shared = Corpus.shared();
        assumeTrue(shared != null, "shared folder not found");
        Path data = shared.resolve("tools/sv-check-data");
        SuricataConfig c = SuricataConfig.load(data.resolve("suricata-8.0.0.yaml"))
                .set("classification-file=" + data.resolve("classification.config"))
                .set("reference-config-file=" + data.resolve("reference.config"));
        RuleEnvironment env = c.toEnvironment();
        assertNotNull(env.classification());
        assertNotNull(env.references());
        assertNotNull(env.classification().get("trojan-activity"));
        assertTrue(env.references().has("cve"));
        RuleParser p = new RuleParser(env);
        p.parse("alert tcp $HOME_NET any -> $EXTERNAL_NET $HTTP_PORTS (msg:\"x\"; classtype:trojan-activity; "
                + "reference:cve,2020-1; sid:1;)");
        RuleParseException e = assertThrows(RuleParseException.class,
                () -> p.parse("alert tcp any any -> any any (classtype:no-such-type; sid:2;)"));
        assertTrue(e.getMessage().contains("unknown classtype"), e.getMessage());
    }

    @Test
    void scalarsStayStrings() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + """
                vars:
                  port-groups:
                    A: 010
                    B: yes
                    C: 1_000
                    D: ~
                    E:
                """);
        Map<String, String> p = c.portGroups();
        assertEquals("010", p.get("A"));
        assertEquals("yes", p.get("B"));
        assertEquals("1_000", p.get("C"));
        assertEquals("~", p.get("D"));
        assertEquals("", p.get("E"));
    }

    @Test
    void setOverridesWithDottedKeys() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + """
                vars:
                  address-groups:
                    HOME_NET: "[192.168.0.0/16]"
                    EXTERNAL_NET: "!$HOME_NET"
                rule-files:
                  - a.rules
                  - b.rules
                """);
        c.set("vars.address-groups.HOME_NET=[10.0.0.0/8]");
        c.set("classification-file=/x");
        c.set(" vars.address-groups.NEW_VAR = 1.2.3.4 ");
        c.set("rule-files.1=c.rules");
        c.set("rule-files.2=d.rules");
        c.set("outputs.0.eve-log.enabled=yes");
        c.set("empty=");
        assertEquals("[10.0.0.0/8]", c.addressGroups().get("HOME_NET"));
        assertEquals("1.2.3.4", c.addressGroups().get("NEW_VAR"));
        assertEquals("/x", c.classificationFile());
        assertEquals(List.of("a.rules", "c.rules", "d.rules"), c.ruleFiles());
        assertEquals("yes", c.getString("outputs.0.eve-log.enabled"));
        assertEquals("", c.getString("empty"));
        assertTrue(c.getBool("outputs.0.eve-log.enabled", false));

        RuleEnvironment env = c.set("classification-file=").toEnvironment();
        assertEquals("[10.0.0.0/8]", env.addressVars().get("HOME_NET"));
    }

    @Test
    void setRejectsMalformedArguments() {
        SuricataConfig c = SuricataConfig.empty();
        assertThrows(IllegalArgumentException.class, () -> c.set("novalue"));
        assertThrows(IllegalArgumentException.class, () -> c.set("=x"));
        assertThrows(IllegalArgumentException.class, () -> c.set("a..b=x"));
        assertThrows(IllegalArgumentException.class, () -> c.set(".a=x"));
    }

    @Test
    void setReplacesAScalarOnTheWayWithAMap() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + "detect: medium\n");
        c.set("detect.profile=high");
        assertEquals("high", c.getString("detect.profile"));
    }

    @Test
    void defaultsAndSetWithoutAFile() {
        SuricataConfig c = SuricataConfig.defaults().set("vars.address-groups.HOME_NET=[10.0.0.0/8]");
        RuleEnvironment env = c.toEnvironment();
        assertEquals("[10.0.0.0/8]", env.addressVars().get("HOME_NET"));
        assertEquals("!$HOME_NET", env.addressVars().get("EXTERNAL_NET"));
        assertEquals("80", env.portVars().get("HTTP_PORTS"));
        assertNull(env.classification());
        assertEquals(RuleEnvironment.defaultAddressVars(), SuricataConfig.defaults().addressGroups());
    }

    @Test
    void unknownKeysAreKeptWithAWarning() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + """
                frobnicate:
                  level: 3
                vars:
                  address-groups:
                    HOME_NET: any
                  colours: blue
                """);
        assertEquals("3", c.getString("frobnicate.level"));
        assertTrue(c.warnings().contains("t: unknown key 'frobnicate' (kept)"), c.warnings().toString());
        assertTrue(c.warnings().contains("t: unknown key 'vars.colours' (kept)"), c.warnings().toString());
    }

    @Test
    void setWithAnUnknownTopLevelKeyWarnsAndIsKept() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + "vars:\n  address-groups:\n    HOME_NET: any\n");
        c.set("detecct.guess-applayer-tx=yes").set("detect.guess-applayer-tx=yes").set("rampart.cpu-list=0");
        assertEquals("yes", c.getString("detecct.guess-applayer-tx"));
        assertEquals(List.of("--set detecct.guess-applayer-tx: unknown key 'detecct' (kept)"), c.warnings());
    }

    @Test
    void missingHeaderIsAWarningOnly() {
        SuricataConfig c = SuricataConfig.parse("t", "vars:\n  address-groups:\n    HOME_NET: any\n");
        assertEquals("any", c.addressGroups().get("HOME_NET"));
        assertTrue(c.warnings().get(0).contains("%YAML 1.1"), c.warnings().toString());
        assertTrue(SuricataConfig.hasVersionDirective("# comment\n\n%YAML 1.1\n---\n"));
        assertFalse(SuricataConfig.hasVersionDirective("---\na: 1\n"));
        assertTrue(SuricataConfig.parse("t", HEADER + "a: 1\n").warnings().stream()
                .noneMatch(w -> w.contains("%YAML")));
    }

    @Test
    void underscoresInKeysBecomeDashesExceptVariableNames() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + """
                default_rule_path: /rules
                vars:
                  address-groups:
                    MY_NET: 10.0.0.0/8
                  port-groups:
                    MY_PORTS: "[1,2]"
                """);
        assertEquals("/rules", c.defaultRulePath());
        assertEquals("10.0.0.0/8", c.addressGroups().get("MY_NET"));
        assertEquals("[1,2]", c.portGroups().get("MY_PORTS"));
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("'default_rule_path' is read as 'default-rule-path'")));
    }

    @Test
    void repeatedKeysReplaceAndDottedKeysNest() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + """
                stream:
                  memcap: 1mb
                  depth: 1mb
                stream:
                  memcap: 2mb
                app-layer.protocols.http.enabled: no
                """);
        assertEquals("2mb", c.getString("stream.memcap"));
        assertNull(c.get("stream.depth"), "a redefined node replaces the old one");
        assertEquals("no", c.getString("app-layer.protocols.http.enabled"));
        assertFalse(c.getBool("app-layer.protocols.http.enabled", true));
    }

    @Test
    void includesAreResolvedRelativeToTheIncludingFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), HEADER + """
                vars:
                  address-groups:
                    HOME_NET: "[10.0.0.0/8]"
                    EXTERNAL_NET: "!$HOME_NET"
                default-rule-path: /base
                """);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/outputs.yaml"), HEADER + """
                - fast:
                    enabled: yes
                """);
        Files.writeString(dir.resolve("main.yaml"), HEADER + """
                include: base.yaml
                default-rule-path: /main
                outputs: !include sub/outputs.yaml
                """);
        SuricataConfig c = SuricataConfig.load(dir.resolve("main.yaml"));
        assertEquals("[10.0.0.0/8]", c.addressGroups().get("HOME_NET"));
        assertEquals("/main", c.defaultRulePath(), "keys after the include override it");
        assertEquals("yes", c.getString("outputs.0.fast.enabled"));

        Files.writeString(dir.resolve("bad.yaml"), HEADER + "include: missing.yaml\n");
        SuricataConfig.ConfigException e = assertThrows(SuricataConfig.ConfigException.class,
                () -> SuricataConfig.load(dir.resolve("bad.yaml")));
        assertTrue(e.getMessage().contains("include file not found"), e.getMessage());
    }

    @Test
    void includeLoopIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), HEADER + "include: a.yaml\n");
        SuricataConfig.ConfigException e = assertThrows(SuricataConfig.ConfigException.class,
                () -> SuricataConfig.load(dir.resolve("a.yaml")));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
    }

    @Test
    void yamlErrorsNameFileAndLine() {
        SuricataConfig.ConfigException e = assertThrows(SuricataConfig.ConfigException.class,
                () -> SuricataConfig.parse("bad.yaml", HEADER + "a: [1, 2\nb: 3\n"));
        assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
        assertThrows(SuricataConfig.ConfigException.class, () -> SuricataConfig.parse("t", HEADER + "- a\n- b\n"));
        assertThrows(SuricataConfig.ConfigException.class, () -> SuricataConfig.load(Path.of("/no/such/file.yaml")));
    }

    @Test
    void missingTableFilesTurnChecksOffWithAWarning() {
        SuricataConfig c = SuricataConfig.parse("t", HEADER + """
                classification-file: /no/such/classification.config
                reference-config-file: /no/such/reference.config
                """);
        RuleEnvironment env = c.toEnvironment();
        assertNull(env.classification());
        assertNull(env.references());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("classtypes are not checked")));
        int n = c.warnings().size();
        c.toEnvironment();
        assertEquals(n, c.warnings().size(), "warnings are not repeated");
        assertTrue(env.addressVars().isEmpty(), "no vars section: no variables, as in Suricata");
    }

    @Test
    void tablesAreLoadedFromConfiguredFiles(@TempDir Path dir) throws Exception {
        Path cls = dir.resolve("classification.config");
        Files.writeString(cls, "config classification: my-class,My class,2\n");
        Path ref = dir.resolve("reference.config");
        Files.writeString(ref, "config reference: myref http://example.com/\n");
        SuricataConfig c = SuricataConfig.parse("t", HEADER + "classification-file: " + cls
                + "\nreference-config-file: " + ref + "\n");
        RuleEnvironment env = c.toEnvironment();
        assertEquals(2, env.classification().get("my-class").priority());
        assertTrue(env.references().has("myref"));
    }

    @Test
    void allSuricataVerifyConfigsLoad() throws Exception {
        Path shared = Corpus.shared();
        assumeTrue(shared != null, "shared folder not found");
        Path tests = shared.resolve("conformance/suricata-verify/tests");
        assumeTrue(Files.isDirectory(tests));
        int n = 0;
        try (var dirs = Files.list(tests)) {
            for (Path d : dirs.sorted().toList()) {
                Path y = d.resolve("suricata.yaml");
                if (Files.isRegularFile(y)) {
                    SuricataConfig c = SuricataConfig.load(y);
                    assertNotNull(c.root());
                    n++;
                }
            }
        }
        assertTrue(n > 100, "loaded " + n);
    }
}
