package dev.rampart.cli.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.cli.ConfigOptions;
import dev.rampart.console.ConsoleConfig;
import dev.rampart.console.actions.DisableConf;
import dev.rampart.console.actions.MaskService;
import dev.rampart.console.actions.SensorControl;
import dev.rampart.console.journal.AuditLog;
import dev.rampart.engine.pipeline.CpuPinning;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.engine.scope.TrafficScope;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's side of the sensor's control API against the real sensor (in this process, no
 * capture): the status document parses into what the hosts page shows, turning a rule off in
 * disable.conf and reloading drops it from the running set, a mask the console writes is in
 * force after the reload, and a broken masks file fails the reload and keeps what ran.
 */
class SensorControlContractTest {
    private static final String RULES = """
            alert http any any -> any any (msg:"one"; content:"/one/"; http_uri; sid:101; rev:1;)
            alert http any any -> any any (msg:"two"; content:"/two/"; http_uri; sid:102; rev:1;)
            alert http any any -> any any (msg:"three"; content:"/three/"; http_uri; sid:103; rev:1;)
            """;

    @TempDir
    Path dir;

    @Test
    void sensorAndConsoleAgreeOnTheDefaultControlPort() {
        assertEquals(SensorConfig.DEFAULT_CONTROL_PORT, ConsoleConfig.DEFAULT_CONTROL_PORT);
        assertEquals(SensorConfig.DEFAULT_CONTROL_PORT, new SensorConfig().controlPort);
    }

    @Test
    void consoleActionsReachTheRunningSensorOnReload() throws Exception {
        Path rules = dir.resolve("local.rules");
        Files.writeString(rules, RULES);
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        SensorConfig cfg = SensorConfig.parse("test.yaml", "rules: {sources: [local.rules], mpm-cache-dir: none, "
                + "disable-conf: state/disable.conf}\nmasks: state/masks\ncontrol: {port: 0}\n"
                + "stats: {interval: 0, file: stats.json}\n", dir);
        assertEquals(state.resolve("disable.conf"), cfg.disableConf);
        assertEquals(state.resolve("masks"), cfg.masks);
        StringWriter log = new StringWriter();
        PrintWriter err = new PrintWriter(log, true);
        SuricataConfig suricata = SensorCommand.suricataConfig(cfg);
        RuleEnvironment env = ConfigOptions.environment(suricata, err);
        Sensor sensor = new Sensor(cfg, suricata, env, err);
        try (SensorHttp http = new SensorHttp(sensor).start(cfg.controlPort, cfg.prometheusPort);
             AlertJournal consoleJournal = AlertJournal.open(JournalConfig.at(dir.resolve("console-journal")))) {
            SensorControl control = new SensorControl("127.0.0.1", http.controlPort());
            SensorControl.Status s = status(control);
            assertEquals(3, s.rulesLoaded());
            assertEquals(1, s.generation());
            assertEquals(0, s.masks());
            assertEquals(0, s.alerts());

            // the console turns sid 102 off and asks for a reload
            DisableConf disable = new DisableConf(state.resolve("disable.conf"));
            assertTrue(disable.disable(102, "admin"));
            SensorControl.Reply reply = control.reload();
            assertTrue(reply.ok(), reply.body());
            s = status(control);
            assertEquals(2, s.rulesLoaded());
            assertEquals(2, s.generation());
            assertTrue(s.summary().startsWith("2 rules (generation 2), 0 masks"), s.summary());

            // a mask written by the console's mask service is in force after the next reload
            MaskService masks = new MaskService(state.resolve("masks"), new MaskSet(),
                    new AuditLog(consoleJournal, Clock.systemUTC()));
            masks.maskSid("admin", 101);
            assertEquals(0, status(control).masks(), "masks are read on reload, not polled");
            assertTrue(control.reload().ok());
            s = status(control);
            assertEquals(1, s.masks());
            assertEquals(3, s.generation());

            // a masks file the sensor cannot read fails the reload: rules and masks stay as they were
            Files.writeString(state.resolve("masks"), "sid=notanumber\n");
            assertTrue(disable.enable(102));
            reply = control.reload();
            assertFalse(reply.ok());
            assertEquals(422, reply.status());
            s = status(control);
            assertEquals(2, s.rulesLoaded());
            assertEquals(3, s.generation());
            assertEquals(1, s.masks());
            assertFalse(s.lastReloadOk());
            assertTrue(s.lastReloadMessage().contains("masks " + state.resolve("masks")), s.lastReloadMessage());

            assertTrue(s.summary().endsWith("; analysing all traffic, rule profile full"), s.summary());
            // a second sensor on the same control port gets a message that says what to change
            java.net.BindException busy = assertThrows(java.net.BindException.class,
                    () -> new SensorHttp(sensor).start(http.controlPort(), -1));
            assertTrue(busy.getMessage().contains("port " + http.controlPort() + " is in use"), busy.getMessage());
        } finally {
            sensor.stop();
            sensor.run();
        }
    }

    /**
     * The console's host settings reach the running sensor on reload: the status says which
     * traffic is analysed and with which rule profile, and a settings file the sensor cannot read
     * fails the reload, keeping what ran.
     */
    @Test
    void consoleHostSettingsReachTheRunningSensorOnReload() throws Exception {
        Files.writeString(dir.resolve("local.rules"), RULES
                + "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"in info\"; content:\"x\"; sid:104; rev:1;)\n");
        Path state = Files.createDirectories(dir.resolve("state"));
        SensorConfig cfg = SensorConfig.parse("test.yaml", "rules: {sources: [local.rules], mpm-cache-dir: none}\n"
                + "settings: state/settings.json\ncontrol: {port: 0}\nstats: {interval: 0, file: stats.json}\n", dir);
        assertEquals(state.resolve("settings.json"), cfg.settings);
        StringWriter log = new StringWriter();
        PrintWriter err = new PrintWriter(log, true);
        SuricataConfig suricata = SensorCommand.suricataConfig(cfg);
        RuleEnvironment env = ConfigOptions.environment(suricata, err);
        Sensor sensor = new Sensor(cfg, suricata, env, err);
        try (SensorHttp http = new SensorHttp(sensor).start(cfg.controlPort, cfg.prometheusPort)) {
            SensorControl control = new SensorControl("127.0.0.1", http.controlPort());
            SensorControl.Status s = status(control);
            assertEquals("all traffic", s.analysis(), "no settings file yet: everything, rampart.yaml's rules");
            assertEquals("full", s.rulesProfile());
            assertEquals(4, s.rulesLoaded());

            dev.rampart.console.settings.SettingsStore store =
                    new dev.rampart.console.settings.SettingsStore(state.resolve("settings.json"));
            store.put(new dev.rampart.console.settings.HostSettings("local", "only-listed", List.of("nginx"), false,
                    "minimal", "full", true));
            assertTrue(control.reload().ok());
            s = status(control);
            assertEquals("only nginx", s.analysis());
            assertEquals("minimal inbound, full outbound", s.rulesProfile());
            assertEquals(3, s.rulesLoaded(), "minimal drops the informational inbound rule");
            assertEquals(TrafficScope.Mode.ONLY_LISTED, sensor.scope().mode());

            Files.writeString(state.resolve("settings.json"), "not json");
            SensorControl.Reply reply = control.reload();
            assertFalse(reply.ok());
            s = status(control);
            assertEquals("only nginx", s.analysis(), "a failed reload keeps the settings in force");
            assertTrue(s.lastReloadMessage().contains("settings " + state.resolve("settings.json")), s.lastReloadMessage());
        } finally {
            sensor.stop();
            sensor.run();
        }
    }

    /**
     * The configuration's cpus pin the sensor's workers, worker i on cpus[i], and capture-cpu the
     * capture thread while it captures, as the final stats report; the thread gets its CPUs back.
     */
    @Test
    void workersRunOnTheConfiguredCpus() throws Exception {
        BitSet mine = CpuPinning.currentAffinity();
        assumeTrue(mine != null && !mine.isEmpty(),
                "thread affinity is not available on this platform");
        int first = mine.nextSetBit(0);
        int last = mine.previousSetBit(mine.length() - 1); // the same CPU where only one is ours
        Files.writeString(dir.resolve("local.rules"), RULES);
        SensorConfig cfg = SensorConfig.parse("test.yaml", "workers: 2\ncpus: [" + last + ", " + first + "]\n"
                + "capture-cpu: " + last + "\n"
                + "rules: {sources: [local.rules], mpm-cache-dir: none}\ncontrol: {port: 0}\n"
                + "stats: {interval: 0, file: stats.json}\n", dir);
        StringWriter log = new StringWriter();
        PrintWriter err = new PrintWriter(log, true);
        SuricataConfig suricata = SensorCommand.suricataConfig(cfg);
        Sensor sensor = new Sensor(cfg, suricata, ConfigOptions.environment(suricata, err), err);
        sensor.stop();
        Map<String, Object> stats = sensor.run();
        assertEquals((long) last, StatsTree.get(stats, "rampart.pipeline.worker.0.pinned_cpu"),
                String.valueOf(stats.get("rampart")));
        assertEquals((long) first, StatsTree.get(stats, "rampart.pipeline.worker.1.pinned_cpu"),
                String.valueOf(stats.get("rampart")));
        assertEquals((long) last, StatsTree.get(stats, "rampart.pipeline.capture.pinned_cpu"),
                String.valueOf(stats.get("rampart")));
        assertEquals(mine, CpuPinning.currentAffinity(), "run() gave the thread its CPUs back");
        assertFalse(log.toString().contains("not pinned"), log.toString());
    }

    private static SensorControl.Status status(SensorControl control) {
        SensorControl.Reply r = control.status();
        assertTrue(r.ok(), r.message());
        SensorControl.Status s = SensorControl.Status.parse(r.body());
        assertNotNull(s, r.body());
        return s;
    }
}
