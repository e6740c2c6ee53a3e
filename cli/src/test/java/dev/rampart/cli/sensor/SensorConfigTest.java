package dev.rampart.cli.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rampart.yaml: every key read, unknown keys and bad values rejected with the key named. */
class SensorConfigTest {
    @TempDir
    Path dir;

    private static SensorConfig parse(String yaml) {
        return SensorConfig.parse("rampart.yaml", yaml, Path.of("/etc/rampart"));
    }

    private static String error(String yaml) {
        return assertThrows(SensorConfig.Invalid.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsEveryKeyAndResolvesRelativePathsAgainstTheFile() {
        SensorConfig c = parse("""
                interfaces: [eth0, eth1]
                bpf: "not port 22"
                workers: 2
                cpus: [0]
                capture-cpu: 0
                ring-size: 1024
                checksums: all
                snaplen: 1514
                promiscuous: no
                capture-buffer: 16mb
                rules:
                  sources: [rules/, /abs/local.rules]
                  profile: balanced
                  init-errors-fatal: false
                  mpm-cache-dir: none
                vars:
                  address-groups: {HOME_NET: "[10.0.0.0/8]", EXTERNAL_NET: "!$HOME_NET"}
                  port-groups: {HTTP_PORTS: "80"}
                memcaps: {flow: 256mb, stream: 1gb}
                journal: {path: journal, max-age: 7d, max-bytes: 10gb, pretouch: false}
                eve: {path: /var/log/rampart/eve.json}
                control: {port: 9411}
                prometheus: {port: 9412}
                stats: {interval: 500ms, file: stats.json}
                """);
        assertEquals(List.of("eth0", "eth1"), c.interfaces);
        assertEquals("not port 22", c.bpf);
        assertEquals(2, c.workers);
        assertEquals(List.of(0), c.cpus);
        assertEquals(0, c.captureCpu);
        assertEquals(1024, c.ringSize);
        assertEquals("all", c.checksums);
        assertEquals(1514, c.snaplen);
        assertEquals(false, c.promiscuous);
        assertEquals(16L << 20, c.captureBuffer);
        assertEquals(List.of(Path.of("/etc/rampart/rules"), Path.of("/abs/local.rules")), c.ruleSources);
        assertEquals("balanced", c.profile);
        assertEquals(false, c.initErrorsFatal);
        assertEquals("none", c.mpmCacheDir);
        assertEquals(Map.of("HOME_NET", "[10.0.0.0/8]", "EXTERNAL_NET", "!$HOME_NET"), c.addressGroups);
        assertEquals(Map.of("HTTP_PORTS", "80"), c.portGroups);
        assertEquals(256L << 20, c.flowMemcap);
        assertEquals(1L << 30, c.streamMemcap);
        assertEquals(Path.of("/etc/rampart/journal"), c.journal);
        assertEquals(Duration.ofDays(7), c.journalMaxAge);
        assertEquals(10L << 30, c.journalMaxBytes);
        assertEquals(false, c.journalPretouch);
        assertEquals(Path.of("/var/log/rampart/eve.json"), c.eve);
        assertEquals(9411, c.controlPort);
        assertEquals(9412, c.prometheusPort);
        assertEquals(Duration.ofMillis(500), c.statsInterval);
        assertEquals(Path.of("/etc/rampart/stats.json"), c.statsFile);
    }

    @Test
    void theDocumentedExampleIsValid() {
        SensorConfig c = SensorConfig.load(Path.of("..", "docs", "rampart.yaml"));
        assertEquals(List.of("eth0"), c.interfaces);
        assertEquals("balanced", c.profile);
        assertEquals(9411, c.controlPort);
        assertEquals(9411, c.prometheusPort);
        assertEquals("!$HOME_NET", c.addressGroups.get("EXTERNAL_NET"));
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        SensorConfig c = parse("");
        assertEquals(1, c.workers);
        assertEquals(65536, c.ringSize);
        assertEquals(128L << 20, c.flowMemcap);
        assertEquals(SensorConfig.DEFAULT_CONTROL_PORT, c.controlPort);
        assertNull(c.journal);
        assertTrue(c.journalPretouch);
        assertNull(c.masks);
        assertNull(c.disableConf);
        assertEquals(Duration.ofSeconds(10), c.statsInterval);
    }

    @Test
    void unknownKeysAreNamedWithTheirSection() {
        assertTrue(error("workerz: 2").contains("unknown key 'workerz'"), error("workerz: 2"));
        String m = error("memcaps: {flow: 1mb, streem: 2mb}");
        assertTrue(m.startsWith("rampart.yaml: unknown key 'memcaps.streem'"), m);
        assertTrue(m.contains("flow, stream"), m);
        assertTrue(error("journal: {pth: x}").contains("'journal.pth'"));
    }

    @Test
    void badValuesNameTheKeyAndWhatWasExpected() {
        assertEquals("rampart.yaml: workers: expected an integer from 1 to 1024, got '0'", error("workers: 0"));
        assertEquals("rampart.yaml: workers: expected an integer from 1 to 1024, got 'two'", error("workers: two"));
        assertTrue(error("ring-size: 1000").contains("ring-size: expected a power of two"));
        assertTrue(error("memcaps: {flow: lots}").startsWith("rampart.yaml: memcaps.flow: expected a size"));
        assertTrue(error("stats: {interval: soon}").startsWith("rampart.yaml: stats.interval: expected a duration"));
        assertTrue(error("control: {port: 70000}").startsWith("rampart.yaml: control.port: expected a port"));
        assertTrue(error("checksums: auto").startsWith("rampart.yaml: checksums: expected none or all"));
        assertTrue(error("promiscuous: maybe").startsWith("rampart.yaml: promiscuous: expected yes or no"));
        assertTrue(error("rules: [a]").startsWith("rampart.yaml: rules: expected a mapping"));
        assertTrue(error("cpus: [0, 4096]").startsWith("rampart.yaml: cpus: expected CPU numbers"));
        assertTrue(error("capture-cpu: 4096").startsWith("rampart.yaml: capture-cpu: expected CPU numbers"));
        assertTrue(error("vars: {address-groups: {HOME_NET: [1, 2]}}")
                .startsWith("rampart.yaml: vars.address-groups.HOME_NET: expected an address"));
        assertTrue(error("interfaces: [eth0\n").startsWith("rampart.yaml: not valid YAML"));
    }

    @Test
    void completenessIsCheckedAfterTheCommandLine() throws Exception {
        SensorConfig c = parse("interfaces: [lo]");
        String m = assertThrows(SensorConfig.Invalid.class, () -> c.validate("x.yaml")).getMessage();
        assertEquals("x.yaml: rules.sources: none given (rule files or directories)", m);
        c.ruleSources = List.of(dir.resolve("missing.rules"));
        m = assertThrows(SensorConfig.Invalid.class, () -> c.validate("x.yaml")).getMessage();
        assertTrue(m.contains("rules.sources: " + dir.resolve("missing.rules") + ": no such file"), m);
        Files.writeString(dir.resolve("ok.rules"), "");
        c.ruleSources = List.of(dir.resolve("ok.rules"));
        c.profile = "tiny";
        m = assertThrows(SensorConfig.Invalid.class, () -> c.validate("x.yaml")).getMessage();
        assertTrue(m.contains("rules.profile: unknown profile 'tiny'"), m);
        c.profile = "minimal";
        c.validate("x.yaml");
        c.workers = 2;
        c.cpus = List.of(0);
        m = assertThrows(SensorConfig.Invalid.class, () -> c.validate("x.yaml")).getMessage();
        assertEquals("x.yaml: cpus: 1 CPUs listed for 2 workers", m);
    }

    @Test
    void theCommandExitsTwoOnAConfigurationError() throws Exception {
        Path yaml = dir.resolve("rampart.yaml");
        Files.writeString(yaml, "interfaces: [lo]\nmemcaps: {flow: 1mb, stream: 1mb, reassembly: 1mb}\n");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "sensor", "-c", yaml.toString());
        assertEquals(Main.USAGE, code);
        assertTrue(err.toString().contains("unknown key 'memcaps.reassembly'"), err.toString());
    }

    @Test
    void sizesAndDurations() {
        assertEquals(65536, SensorConfig.parseSize("65536"));
        assertEquals(64L << 10, SensorConfig.parseSize("64kb"));
        assertEquals(3L << 20, SensorConfig.parseSize("3 MiB"));
        assertEquals(-1, SensorConfig.parseSize("-3mb"));
        assertEquals(-1, SensorConfig.parseSize("mb"));
        assertEquals(Duration.ofSeconds(30), SensorConfig.parseDuration("30"));
        assertEquals(Duration.ofMinutes(5), SensorConfig.parseDuration("5m"));
        assertEquals(Duration.ofHours(12), SensorConfig.parseDuration("12h"));
        assertNull(SensorConfig.parseDuration("1.5s"));
    }
}
