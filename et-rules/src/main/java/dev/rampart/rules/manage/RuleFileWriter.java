package dev.rampart.rules.manage;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an update's rules to one {@code .rules} file (suricata-update's merged
 * {@code suricata.rules}): a short header, then every rule in source order with its text as the
 * source wrote it (or as drop/modify rewrote it). Disabled rules are written commented out, as
 * suricata-update does, unless {@code includeDisabled} is false. An enabled rule that does not
 * parse is written commented out after a comment giving the reason, so the engine never sees it.
 * The file is replaced atomically.
 */
public final class RuleFileWriter {
    private final boolean includeDisabled;

    public RuleFileWriter(boolean includeDisabled) {
        this.includeDisabled = includeDisabled;
    }

    public RuleFileWriter() {
        this(true);
    }

    public void write(EffectiveRuleSet set, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(set, w);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public String toText(EffectiveRuleSet set) {
        StringBuilder sb = new StringBuilder();
        try {
            write(set, new java.io.StringWriter() {
                @Override
                public void write(String s) {
                    sb.append(s);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return sb.toString();
    }

    public void write(EffectiveRuleSet set, Writer w) throws IOException {
        EffectiveRuleSet.Stats s = set.stats();
        w.write("# Rules written by Rampart rule update\n");
        if (set.profile() != null) {
            w.write("# profile: " + set.profile().name() + "\n");
        }
        w.write("# active: " + s.active() + ", enabled but not loadable: " + s.failed() + ", total: "
                + set.rules().size() + "\n");
        for (ManagedRule r : set.rules()) {
            if (r.enabled() && r.error() != null) {
                w.write("# rampart: " + r.file() + ":" + r.line() + ": does not parse: " + oneLine(r.error()) + "\n");
                w.write("# " + r.text() + "\n");
            } else if (r.enabled() || includeDisabled) {
                w.write(r.format());
                w.write('\n');
            }
        }
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
