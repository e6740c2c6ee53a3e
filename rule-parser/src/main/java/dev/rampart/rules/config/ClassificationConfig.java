package dev.rampart.rules.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classification file " + file, e);
        }
    }

    public static ClassificationConfig parse(String label, String text) {
        Map<String, ClassType> types = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String prefix = "config classification:";
            if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
                errors.add(label + ":" + (i + 1) + ": not a 'config classification:' line");
                continue;
            }
            String[] parts = line.substring(prefix.length()).split(",", -1);
            if (parts.length != 3) {
                errors.add(label + ":" + (i + 1) + ": expected 'name,description,priority'");
                continue;
            }
            try {
                int prio = Integer.parseInt(parts[2].trim());
                String name = parts[0].trim();
                types.put(name.toLowerCase(java.util.Locale.ROOT), new ClassType(name, parts[1].trim(), prio));
            } catch (NumberFormatException e) {
                errors.add(label + ":" + (i + 1) + ": priority is not a number");
            }
        }
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
