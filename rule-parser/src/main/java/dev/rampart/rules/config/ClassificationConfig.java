package dev.rampart.rules.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code classification.config}: {@code config classification: shortname,description,priority}.
 * Bad lines are collected as {@code file:line: reason} errors, the good ones are kept.
 */
public final class ClassificationConfig {

    public record ClassType(String name, String description, int priority) {
    }

    private final Map<String, ClassType> types;
    private final List<String> errors;

    private ClassificationConfig(Map<String, ClassType> types, List<String> errors) {
        this.types = types;
        this.errors = errors;
    }

    public static ClassificationConfig load(Path file) {
        return parse(file.toString(), ConfigLines.read(file, "classification file"));
    }

    public static ClassificationConfig parse(String label, String text) {
        Map<String, ClassType> types = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        ConfigLines.forEach(label, text, "classification", errors, (rest, error) -> {
            // name, description, priority: the description may itself contain commas
            int first = rest.indexOf(',');
            int last = rest.lastIndexOf(',');
            if (first < 0 || first == last) {
                error.accept("expected 'name,description,priority'");
                return;
            }
            String name = rest.substring(0, first).trim();
            if (name.isEmpty()) {
                error.accept("missing classtype name");
                return;
            }
            try {
                int prio = Integer.parseInt(rest.substring(last + 1).trim());
                types.put(name.toLowerCase(java.util.Locale.ROOT),
                        new ClassType(name, rest.substring(first + 1, last).trim(), prio));
            } catch (NumberFormatException e) {
                error.accept("priority is not a number");
            }
        });
        return new ClassificationConfig(Map.copyOf(types), List.copyOf(errors));
    }

    /** Case-insensitive lookup as Suricata does; null when unknown. */
    public ClassType get(String name) {
        return types.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public int size() {
        return types.size();
    }

    public List<String> errors() {
        return errors;
    }
}
