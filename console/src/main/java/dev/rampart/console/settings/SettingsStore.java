package dev.rampart.console.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rampart.console.FileReplace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-host traffic analysis settings as JSON in the state directory ({@code settings.json}, a
 * list of {@link HostSettings}); the local sensor's host is always present. Invalid settings are
 * refused with every problem listed and nothing stored.
 */
public final class SettingsStore {
    public static final String LOCAL = "local";

    /** Settings refused: every problem, each naming its field. */
    public static final class InvalidSettings extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidSettings(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, HostSettings> byHost = new LinkedHashMap<>();

    public SettingsStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            List<HostSettings> all = json.readValue(file.toFile(), new TypeReference<List<HostSettings>>() { });
            for (HostSettings h : all) {
                List<String> p = h.problems();
                if (!p.isEmpty()) {
                    throw new IOException(file + ": host " + h.host() + ": " + String.join("; ", p));
                }
                byHost.put(h.host(), h);
            }
        }
        byHost.putIfAbsent(LOCAL, HostSettings.defaults(LOCAL));
    }

    public synchronized List<HostSettings> all() {
        return new ArrayList<>(byHost.values());
    }

    public synchronized HostSettings get(String host) {
        return byHost.get(host);
    }

    public synchronized HostSettings put(HostSettings s) throws IOException {
        List<String> p = s.problems();
        if (!p.isEmpty()) {
            throw new InvalidSettings(p);
        }
        HostSettings clean = new HostSettings(s.host(), s.mode(), List.copyOf(s.processes() == null ? List.of() : s.processes()),
                s.httpsInspection(), s.inboundProfile(), s.outboundProfile(), s.active());
        byHost.put(clean.host(), clean);
        save();
        return clean;
    }

    /** Activates or deactivates analysis on these hosts at once; unknown hosts are refused first. */
    public synchronized List<HostSettings> setActive(Collection<String> hosts, boolean on) throws IOException {
        List<String> unknown = hosts.stream().filter(h -> !byHost.containsKey(h)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidSettings(List.of("hosts: unknown " + unknown));
        }
        if (hosts.isEmpty()) {
            throw new InvalidSettings(List.of("hosts: select at least one host"));
        }
        List<HostSettings> out = new ArrayList<>();
        for (String h : hosts) {
            HostSettings s = byHost.get(h).withActive(on);
            byHost.put(h, s);
            out.add(s);
        }
        save();
        return out;
    }

    private void save() throws IOException {
        FileReplace.write(file, ".settings", tmp -> json.writeValue(tmp.toFile(), new ArrayList<>(byHost.values())));
    }
}
