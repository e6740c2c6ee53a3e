package dev.rampart.rules.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code reference.config}: {@code config reference: system url-prefix}. */
public final class ReferenceConfig {
    private final Map<String, String> systems;
    private final List<String> errors;

    private ReferenceConfig(Map<String, String> systems, List<String> errors) {
        this.systems = systems;
        this.errors = errors;
    }

    public static ReferenceConfig load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference config " + file, e);
        }
    }

    public static ReferenceConfig parse(String label, String text) {
        Map<String, String> systems = new HashMap<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String rest = ConfigLines.after(line, "reference");
            if (rest == null) {
                errors.add(label + ":" + (i + 1) + ": not a 'config reference:' line");
                continue;
            }
            // name and URL prefix are separated by spaces or tabs (reference.config uses both)
            int sp = 0;
            while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) {
                sp++;
            }
            String name = rest.substring(0, sp);
            String url = rest.substring(sp).trim();
            if (name.isEmpty()) {
                errors.add(label + ":" + (i + 1) + ": missing reference system name");
                continue;
            }
            systems.put(name.toLowerCase(Locale.ROOT), url);
        }
        return new ReferenceConfig(Map.copyOf(systems), List.copyOf(errors));
    }

    public boolean has(String system) {
        return systems.containsKey(system.toLowerCase(Locale.ROOT));
    }

    public String urlPrefix(String system) {
        return systems.get(system.toLowerCase(Locale.ROOT));
    }

    public List<String> errors() {
        return errors;
    }
}
