package dev.rampart.console.actions;

import dev.rampart.console.FileReplace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turning a rule off and on in rule management's {@code disable.conf} (suricata-update's format,
 * what {@code rampart rules update --disable-conf} reads): off appends the selector
 * {@code 1:SID}; on removes the lines that select exactly that rule ({@code SID}, {@code 1:SID},
 * {@code 1:SID:REV}). Other lines (comments, {@code re:}, {@code group:} selectors) are kept as
 * written; a rule such a selector disables stays off, and {@link #otherSelectors()} says so.
 */
public final class DisableConf {
    private final Path file;

    public DisableConf(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized boolean isDisabled(long sid) throws IOException {
        for (String line : lines()) {
            if (selects(line, sid)) {
                return true;
            }
        }
        return false;
    }

    /** The sids this file turns off by an exact selector. */
    public synchronized List<Long> disabledSids() throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : lines()) {
            long s = exactSid(line);
            if (s > 0 && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Lines that are neither comments nor exact sid selectors (they may disable more rules). */
    public synchronized List<String> otherSelectors() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : lines()) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && exactSid(t) < 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** Turns the rule off; false when an exact selector already did. */
    public synchronized boolean disable(long sid, String who) throws IOException {
        requireSid(sid);
        List<String> lines = lines();
        for (String line : lines) {
            if (selects(line, sid)) {
                return false;
            }
        }
        lines.add("# turned off in the console by " + who);
        lines.add("1:" + sid);
        write(lines);
        return true;
    }

    /** Turns the rule on again; false when no exact selector named it. */
    public synchronized boolean enable(long sid) throws IOException {
        requireSid(sid);
        List<String> lines = lines();
        List<String> out = new ArrayList<>();
        boolean removed = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (selects(line, sid)) {
                removed = true;
                // the console's own comment line goes with its selector
                if (!out.isEmpty() && out.get(out.size() - 1).startsWith("# turned off in the console by ")) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(line);
        }
        if (removed) {
            write(out);
        }
        return removed;
    }

    private static boolean selects(String line, long sid) {
        return exactSid(line) == sid;
    }

    /** The sid of an exact selector ({@code SID}, {@code GID:SID}, {@code GID:SID:REV} with gid 1), else -1. */
    static long exactSid(String line) {
        String t = line.strip();
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash).strip();
        }
        String[] p = t.split(":");
        try {
            if (p.length == 1 && t.matches("\\d+")) {
                return Long.parseLong(t);
            }
            if ((p.length == 2 || p.length == 3) && p[0].equals("1") && p[1].matches("\\d+")
                    && (p.length == 2 || p[2].matches("\\d+"))) {
                return Long.parseLong(p[1]);
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private List<String> lines() throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws IOException {
        FileReplace.write(file, ".disable", tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
    }

    private static void requireSid(long sid) {
        if (sid <= 0) {
            throw new IllegalArgumentException("sid must be positive");
        }
    }
}
