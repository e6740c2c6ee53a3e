package dev.rampart.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared ET Open corpus ({@code ../shared} next to the project, or -Drampart.shared). */
public final class Corpus {
    private Corpus() {
    }

    public static Path shared() {
        String prop = System.getProperty("rampart.shared");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            Path s = p.resolve("../shared").normalize();
            if (Files.isDirectory(s.resolve("rulesets"))) {
                return s;
            }
        }
        return null;
    }

    public static Path etOpen() {
        Path s = shared();
        return s == null ? null : s.resolve("rulesets/et-open");
    }
}
