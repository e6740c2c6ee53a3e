package dev.rampart.console.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void everyProblemIsNamed() {
        HostSettings bad = new HostSettings("bad host!", "some", List.of("ok", "ok", " "), true, "tiny", "full", true);
        List<String> p = bad.problems();
        assertEquals(List.of(
                "host: 'local', an IP address or a host name (letters, digits, '-', '.'), not 'bad host!'",
                "mode: all, only-listed or all-but-listed, not 'some'",
                "processes: 'ok' is listed twice",
                "processes: ' ' is not a process name or path (1 to 256 printable characters)",
                "inbound profile: one of [minimal, balanced, full], not 'tiny'"), p);
        assertEquals(List.of("processes: mode only-listed needs at least one process"),
                new HostSettings("local", "only-listed", List.of(), false, "full", "full", true).problems());
        assertTrue(HostSettings.defaults("10.0.0.5").problems().isEmpty());
        assertTrue(new HostSettings("fe80::1", "all-but-listed", List.of("/usr/sbin/sshd"), true, "minimal", "balanced", false)
                .problems().isEmpty());
    }

    @Test
    void storedAsJsonReadBackAndRefusedWhenInvalid() throws Exception {
        Path f = dir.resolve("settings.json");
        SettingsStore s = new SettingsStore(f);
        assertEquals(List.of("local"), s.all().stream().map(HostSettings::host).toList(), "the local sensor is always there");
        s.put(new HostSettings("10.0.0.5", "only-listed", List.of("firefox"), true, "full", "minimal", true));
        SettingsStore.InvalidSettings e = assertThrows(SettingsStore.InvalidSettings.class,
                () -> s.put(new HostSettings("10.0.0.5", "all", List.of(), false, "nope", "full", true)));
        assertEquals(List.of("inbound profile: one of [minimal, balanced, full], not 'nope'"), e.problems());
        s.setActive(List.of("local", "10.0.0.5"), false);
        assertThrows(SettingsStore.InvalidSettings.class, () -> s.setActive(List.of("10.9.9.9"), true));

        SettingsStore again = new SettingsStore(f);
        HostSettings h = again.get("10.0.0.5");
        assertEquals("only-listed", h.mode());
        assertEquals(List.of("firefox"), h.processes());
        assertTrue(h.httpsInspection());
        assertEquals("minimal", h.outboundProfile());
        assertFalse(h.active());
        assertFalse(again.get("local").active());

        Files.writeString(f, "[{\"host\":\"local\",\"mode\":\"weird\",\"processes\":[],\"httpsInspection\":false,"
                + "\"inboundProfile\":\"full\",\"outboundProfile\":\"full\",\"active\":true}]");
        java.io.IOException io = assertThrows(java.io.IOException.class, () -> new SettingsStore(f));
        assertTrue(io.getMessage().contains("mode: all, only-listed or all-but-listed, not 'weird'"), io.getMessage());
    }
}
