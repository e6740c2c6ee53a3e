package dev.rampart.rules.manage;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Factories for {@link RuleSource}s. */
public final class RuleSources {
    private RuleSources() {
    }

    public static RuleSource directory(Path dir) {
        return new RuleSource.Directory(dir);
    }

    /** A {@code .rules} file or an archive ({@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .zip}). */
    public static RuleSource file(Path file) {
        return new RuleSource.LocalFile(file);
    }

    /** A download checked against the {@code <url>.md5} file next to it (suricata-update's convention). */
    public static RuleSource url(String url) {
        return new RuleSource.Url(URI.create(url), null, true);
    }

    /** A download checked against a known digest ({@code sha256:HEX} / {@code md5:HEX}). */
    public static RuleSource url(String url, Checksum expected) {
        return new RuleSource.Url(URI.create(url), expected, false);
    }

    /** A download that is not checked (for servers that publish no checksum). */
    public static RuleSource urlUnchecked(String url) {
        return new RuleSource.Url(URI.create(url), null, false);
    }

    /**
     * From a command-line argument: {@code http(s)://...} is a URL (checked with {@code <url>.md5}),
     * an existing directory is a directory, anything else a file.
     */
    public static RuleSource of(String spec) {
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            return url(spec);
        }
        Path p = Path.of(spec);
        return Files.isDirectory(p) ? directory(p) : file(p);
    }
}
