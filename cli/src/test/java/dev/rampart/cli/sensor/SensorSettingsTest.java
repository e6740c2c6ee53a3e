package dev.rampart.cli.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.console.settings.HostSettings;
import dev.rampart.console.settings.SettingsStore;
import dev.rampart.engine.scope.TrafficScope;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's "local" host settings as the sensor reads them: traffic scope and the rule profile per direction. */
class SensorSettingsTest {
    @TempDir
    Path dir;

    private static final String INBOUND_INFO = "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"in info\"; "
            + "content:\"a\"; sid:1; rev:1; metadata:signature_severity Informational;)\n";
    private static final String INBOUND_MAJOR = "alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:\"in major\"; "
            + "content:\"b\"; sid:2; rev:1; metadata:signature_severity Major;)\n";
    private static final String OUTBOUND_INFO = "alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:\"out info\"; "
            + "content:\"c\"; sid:3; rev:1; metadata:signature_severity Informational;)\n";

    private Path settings(HostSettings s) throws Exception {
        Path f = dir.resolve("settings.json");
        new SettingsStore(f).put(s);
        return f;
    }

    @Test
    void scopeAndRuleProfilesComeFromTheLocalHost() throws Exception {
        Path f = settings(new HostSettings("local", "only-listed", List.of("nginx", "/usr/bin/curl"), true, "minimal", "full", true));
        Sensor.LocalSettings s = Sensor.readSettings(f);
        assertEquals(TrafficScope.Mode.ONLY_LISTED, s.scope().mode());
        assertTrue(s.scope().active());
        assertEquals(java.util.Set.of("nginx", "/usr/bin/curl"), s.scope().processes());
        assertEquals("minimal inbound, full outbound", s.rulesProfile().name());

        // the profile decides the rule set: minimal drops the informational inbound rule, full keeps the outbound one
        Path rules = Files.writeString(dir.resolve("t.rules"), INBOUND_INFO + INBOUND_MAJOR + OUTBOUND_INFO);
        SensorConfig c = SensorConfig.parse("rampart.yaml", "rules: {sources: [t.rules], mpm-cache-dir: none}\n", dir);
        SuricataConfig none = SuricataConfig.empty();
        RuleEnvironment env = RuleEnvironment.suricataDefaults();
        assertEquals(3, SensorRules.load(c, none, env).plan().ruleCount(), "rampart.yaml: every rule");
        SensorRules.Loaded l = SensorRules.load(c, none, env, s.rulesProfile());
        assertEquals(2, l.plan().ruleCount());
        assertTrue(rules.toFile().exists());
    }

    @Test
    void analysisOffAndDefaults() throws Exception {
        Sensor.LocalSettings off = Sensor.readSettings(settings(new HostSettings("local", "all", List.of(), false,
                "balanced", "balanced", false)));
        assertFalse(off.scope().active());
        assertSame(dev.rampart.rules.manage.Profiles.BALANCED, off.rulesProfile());
        assertSame(Sensor.LocalSettings.NONE, Sensor.readSettings(dir.resolve("absent.json")));
        assertNull(Sensor.readSettings(null).rulesProfile());
    }

    @Test
    void aBrokenSettingsFileFailsNamingIt() throws Exception {
        Path f = Files.writeString(dir.resolve("settings.json"), "[{\"host\":\"local\",\"mode\":\"sometimes\"}]");
        String msg = assertThrows(SensorRules.Failed.class, () -> Sensor.readSettings(f)).getMessage();
        assertTrue(msg.startsWith("settings " + f + ": "), msg);
    }
}
