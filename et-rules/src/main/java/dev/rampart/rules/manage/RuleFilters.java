package dev.rampart.rules.manage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four suricata-update filter files: {@code enable.conf}, {@code disable.conf},
 * {@code drop.conf} (selectors, one per line) and {@code modify.conf} (selector, regex,
 * replacement). Blank lines and lines starting with {@code #} are skipped and text after
 * {@code " #"} is a comment, as in suricata-update. Unlike suricata-update, which only warns,
 * every malformed line is an error: {@link RuleConfigException} lists them all as
 * {@code file:line: reason}.
 */
public record RuleFilters(
        List<FilterEntry> enable,
        List<FilterEntry> disable,
        List<FilterEntry> drop,
        List<Modification> modify) {

    public RuleFilters {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
        drop = List.copyOf(drop);
        modify = List.copyOf(modify);
    }

    public static RuleFilters none() {
        return new RuleFilters(List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return enable.isEmpty() && disable.isEmpty() && drop.isEmpty() && modify.isEmpty();
    }

    /**
     * Reads the files that are given (null: none). All problems of all files are reported together.
     */
    public static RuleFilters load(Path enableConf, Path disableConf, Path dropConf, Path modifyConf)
            throws IOException, RuleConfigException {
        Builder b = builder();
        if (enableConf != null) {
            b.enable(enableConf.toString(), read(enableConf));
        }
        if (disableConf != null) {
            b.disable(disableConf.toString(), read(disableConf));
        }
        if (dropConf != null) {
            b.drop(dropConf.toString(), read(dropConf));
        }
        if (modifyConf != null) {
            b.modify(modifyConf.toString(), read(modifyConf));
        }
        return b.build();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects filter files given as text; {@link #build()} throws if any line was malformed. */
    public static final class Builder {
        private final List<FilterEntry> enable = new ArrayList<>();
        private final List<FilterEntry> disable = new ArrayList<>();
        private final List<FilterEntry> drop = new ArrayList<>();
        private final List<Modification> modify = new ArrayList<>();
        private final List<ConfigProblem> problems = new ArrayList<>();

        public Builder enable(String label, String text) {
            enable.addAll(parseSelectors(label, text, problems));
            return this;
        }

        public Builder disable(String label, String text) {
            disable.addAll(parseSelectors(label, text, problems));
            return this;
        }

        public Builder drop(String label, String text) {
            drop.addAll(parseSelectors(label, text, problems));
            return this;
        }

        public Builder modify(String label, String text) {
            forEachLine(label, text, problems, (line, origin) -> modify.add(Modification.parse(line, origin)));
            return this;
        }

        public RuleFilters build() throws RuleConfigException {
            if (!problems.isEmpty()) {
                throw new RuleConfigException(problems);
            }
            return new RuleFilters(enable, disable, drop, modify);
        }
    }

    /** Parses a selector file (enable/disable/drop.conf syntax); problems are added to the list. */
    public static List<FilterEntry> parseSelectors(String label, String text, List<ConfigProblem> problems) {
        List<FilterEntry> out = new ArrayList<>();
        forEachLine(label, text, problems, (line, origin) -> out.add(new FilterEntry(RuleMatcher.parse(line), origin)));
        return out;
    }

    interface LineHandler {
        void handle(String line, String origin);
    }

    static void forEachLine(String label, String text, List<ConfigProblem> problems, LineHandler h) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int comment = line.indexOf(" #");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            try {
                h.handle(line, label + ":" + (i + 1));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(label, i + 1, e.getMessage()));
            }
        }
    }
}
