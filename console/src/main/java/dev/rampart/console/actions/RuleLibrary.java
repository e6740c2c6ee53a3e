package dev.rampart.console.actions;

import dev.rampart.rules.seclang.SecLangLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rule texts by sid, from the rule directories (recursively): Suricata rules from {@code *.rules}
 * files (rules shipped commented out count too), SecLang rules (OWASP CRS) from {@code *.conf}
 * files, where a rule's id is its sid in alerts and its text is the SecRule as written with its
 * continuation lines and chained rules. Read on first use and again when a file changed.
 */
public final class RuleLibrary {
    private static final Pattern SID = Pattern.compile("[;(\\s]sid\\s*:\\s*(\\d+)\\s*;");
    /** A SecLang rule's id action: after the action list's quote, a comma or white space. */
    private static final Pattern SECLANG_ID = Pattern.compile("(?:^|[\\s,\"'])id\\s*:\\s*'?(\\d+)");

    /**
     * A rule's text and where it was found ({@code file} relative to its rule directory).
     *
     * @param language "suricata" or "seclang"
     */
    public record RuleText(long sid, String text, String file, int line, String language) {
    }

    private final List<Path> dirs;
    private Map<Long, RuleText> bySid;
    private long stamp = Long.MIN_VALUE;

    public RuleLibrary(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** The directories searched (empty: none given, no rule texts). */
    public List<Path> dirs() {
        return dirs;
    }

    public synchronized RuleText find(long sid) {
        if (dirs.isEmpty()) {
            return null;
        }
        long now = stamp();
        if (bySid == null || now != stamp) {
            bySid = load();
            stamp = now;
        }
        return bySid.get(sid);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 4)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".rules") || n.endsWith(".conf")) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cheap fingerprint of the files: their count, sizes and modification times. */
    private long stamp() {
        long h = 17;
        for (Path dir : dirs) {
            for (Path p : files(dir)) {
                try {
                    h = h * 31 + Files.getLastModifiedTime(p).toMillis();
                    h = h * 31 + Files.size(p);
                } catch (IOException e) {
                    h = h * 31 + 1;
                }
            }
        }
        return h;
    }

    private Map<Long, RuleText> load() {
        Map<Long, RuleText> out = new HashMap<>();
        for (Path dir : dirs) {
            for (Path p : files(dir)) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    try {
                        lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
                    } catch (IOException e2) {
                        continue;
                    }
                }
                String file = dir.relativize(p).toString();
                if (file.endsWith(".conf")) {
                    secLang(lines, file, out);
                } else {
                    suricata(lines, file, out);
                }
            }
        }
        return out;
    }

    private static void suricata(List<String> lines, String file, Map<Long, RuleText> out) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.indexOf("sid") < 0) {
                continue;
            }
            Matcher m = SID.matcher(line);
            if (m.find()) {
                long sid = Long.parseLong(m.group(1));
                // an active rule wins over a commented-out copy
                RuleText prev = out.get(sid);
                if (prev == null || (prev.text().startsWith("#") && !line.strip().startsWith("#"))) {
                    out.put(sid, new RuleText(sid, line.strip(), file, i + 1, "suricata"));
                }
            }
        }
    }

    /**
     * SecRule / SecAction directives with an id, each with the directives chained to it (the ones
     * that follow without an id of their own: a chained rule cannot have one), as written: the
     * physical lines of their logical lines, as the engine's SecLang lexer joins them.
     */
    private static void secLang(List<String> lines, String file, Map<Long, RuleText> out) {
        List<SecLangLines.Line> logical = SecLangLines.split(String.join("\n", lines));
        long sid = -1;
        int firstLine = 0;
        int lastLine = 0;
        for (int k = 0; k < logical.size(); k++) {
            String directive = logical.get(k).text();
            // a logical line's physical lines run to the next one's first (or the file's end)
            int from = logical.get(k).number();
            int to = k + 1 < logical.size() ? logical.get(k + 1).number() - 1 : lines.size();
            boolean rule = directive.startsWith("SecRule ") || directive.startsWith("SecRule\t")
                    || directive.startsWith("SecAction ") || directive.startsWith("SecAction\t");
            if (!rule) {
                if (!directive.isEmpty() && !directive.startsWith("#")) {
                    finish(sid, lines, firstLine, lastLine, file, out); // any other directive ends a chain
                    sid = -1;
                }
                continue;
            }
            Matcher m = SECLANG_ID.matcher(directive);
            if (m.find()) {
                finish(sid, lines, firstLine, lastLine, file, out);
                sid = Long.parseLong(m.group(1));
                firstLine = from;
            } else if (sid < 0) {
                continue; // a rule without id outside a chain (not loadable anyway)
            }
            lastLine = to;
        }
        finish(sid, lines, firstLine, lastLine, file, out);
    }

    /** Records rule {@code sid} as its physical lines {@code first..last} (1-based) unless a file before had it. */
    private static void finish(long sid, List<String> lines, int first, int last, String file, Map<Long, RuleText> out) {
        if (sid < 0 || out.containsKey(sid)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (int i = first; i <= last; i++) {
            String l = lines.get(i - 1).stripTrailing();
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue; // blank lines and comments between a rule and its chained rules
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(l);
        }
        out.put(sid, new RuleText(sid, text.toString(), file, first, "seclang"));
    }

    /** The directories as a message names them. */
    public String describe() {
        List<String> names = new ArrayList<>(dirs.size());
        for (Path d : dirs) {
            names.add(d.toString());
        }
        return String.join(", ", names);
    }
}
