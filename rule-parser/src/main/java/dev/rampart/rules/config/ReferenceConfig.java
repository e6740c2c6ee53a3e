package dev.rampart.rules.config;

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
        return parse(file.toString(), ConfigLines.read(file, "reference config"));
    }

    public static ReferenceConfig parse(String label, String text) {
        Map<String, String> systems = new HashMap<>();
        List<String> errors = new ArrayList<>();
        ConfigLines.forEach(label, text, "reference", errors, (rest, error) -> {
            // name and URL prefix are separated by spaces or tabs (reference.config uses both)
            int sp = 0;
            while (sp < rest.length() && !Character.isWhitespace(rest.charAt(sp))) {
                sp++;
            }
            String name = rest.substring(0, sp);
            if (name.isEmpty()) {
                error.accept("missing reference system name");
                return;
            }
            systems.put(name.toLowerCase(Locale.ROOT), rest.substring(sp).trim());
        });
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
