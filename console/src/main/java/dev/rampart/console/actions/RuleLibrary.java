package dev.rampart.console.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rule texts by sid, from the {@code *.rules} files under the rules directory (recursively;
 * rules shipped commented out count too). Read on first use and again when a file changed.
 */
public final class RuleLibrary {
    private static final Pattern SID = Pattern.compile("[;(\\s]sid\\s*:\\s*(\\d+)\\s*;");

    /** A rule's text and where it was found. */
    public record RuleText(long sid, String text, String file, int line) {
    }

    private final Path dir;
    private Map<Long, RuleText> bySid;
    private long stamp = Long.MIN_VALUE;

    public RuleLibrary(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public synchronized RuleText find(long sid) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        long now = stamp();
        if (bySid == null || now != stamp) {
            bySid = load();
            stamp = now;
        }
        return bySid.get(sid);
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.walk(dir, 4)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".rules") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cheap fingerprint of the files: their count, sizes and modification times. */
    private long stamp() {
        long h = 17;
        for (Path p : files()) {
            try {
                h = h * 31 + Files.getLastModifiedTime(p).toMillis();
                h = h * 31 + Files.size(p);
            } catch (IOException e) {
                h = h * 31 + 1;
            }
        }
        return h;
    }

    private Map<Long, RuleText> load() {
        Map<Long, RuleText> out = new HashMap<>();
        for (Path p : files()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
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
                        out.put(sid, new RuleText(sid, line.strip(), dir.relativize(p).toString(), i + 1));
                    }
                }
            }
        }
        return out;
    }
}
