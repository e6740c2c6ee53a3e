package dev.rampart.console.actions;

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
     * that follow without an id of their own: a chained rule cannot have one), as written.
     */
    private static void secLang(List<String> lines, String file, Map<Long, RuleText> out) {
        long sid = -1;
        int startLine = 0;
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            // one directive: its physical lines up to one that does not end in a backslash
            int first = i;
            StringBuilder logical = new StringBuilder();
            while (i < lines.size()) {
                String l = lines.get(i++);
                String t = l.stripTrailing();
                if (t.endsWith("\\")) {
                    logical.append(t, 0, t.length() - 1).append(' ');
                } else {
                    logical.append(t);
                    break;
                }
            }
            String directive = logical.toString().strip();
            boolean rule = directive.startsWith("SecRule ") || directive.startsWith("SecRule\t")
                    || directive.startsWith("SecAction ") || directive.startsWith("SecAction\t");
            if (!rule) {
                if (!directive.isEmpty() && !directive.startsWith("#")) {
                    sid = finish(sid, text, file, startLine, out); // any other directive ends a chain
                }
                continue;
            }
            Matcher m = SECLANG_ID.matcher(directive);
            if (m.find()) {
                finish(sid, text, file, startLine, out);
                sid = Long.parseLong(m.group(1));
                startLine = first + 1;
                text.setLength(0);
            } else if (sid < 0) {
                continue; // a rule without id outside a chain (not loadable anyway)
            }
            for (int k = first; k < i; k++) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(lines.get(k).stripTrailing());
            }
        }
        finish(sid, text, file, startLine, out);
    }

    private static long finish(long sid, StringBuilder text, String file, int line, Map<Long, RuleText> out) {
        if (sid >= 0 && !out.containsKey(sid)) {
            out.put(sid, new RuleText(sid, text.toString(), file, line, "seclang"));
        }
        text.setLength(0);
        return -1;
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
