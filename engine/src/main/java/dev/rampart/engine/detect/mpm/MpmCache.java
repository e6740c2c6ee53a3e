package dev.rampart.engine.detect.mpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compiled matchers on disk, one file per (implementation, pattern set), named by a 128-bit hash
 * of the patterns in order (ids, nocase, bytes): a warm start with the same rules reads the file
 * instead of compiling. A file that cannot be read back (damaged, other Hyperscan version or
 * platform) is rebuilt and overwritten; a cache directory that cannot be written only costs the
 * warm start.
 */
public final class MpmCache {

    /** A matcher and whether it came from the cache. */
    public record Loaded(MultiPatternMatcher matcher, boolean fromCache, Path file) {
    }

    private final Path dir;

    public MpmCache(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /**
     * The file name part for a pattern list: a {@link Hash128} of the kind, the Hyperscan version,
     * the serialized format and each pattern's id, case flag, length and bytes, laid out in one array.
     */
    public static String key(MpmKind kind, List<MpmPattern> patterns) {
        String version = kind == MpmKind.HYPERSCAN ? HyperscanMatcher.version() : null;
        byte[] head = (kind.name() + '/' + (version == null ? "" : version)).getBytes(StandardCharsets.US_ASCII);
        int size = head.length + 8;
        for (MpmPattern p : patterns) {
            size += 9 + p.length();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        all.put(head).putInt(MultiPatternMatchers.FORMAT).putInt(patterns.size());
        for (MpmPattern p : patterns) {
            all.putInt(p.id()).put((byte) (p.nocase() ? 1 : 0)).putInt(p.length());
            p.putBytes(all);
        }
        long[] h = Hash128.of(all.array(), all.position());
        java.util.HexFormat hex = java.util.HexFormat.of();
        return hex.toHexDigits(h[0]) + hex.toHexDigits(h[1]);
    }

    public Path fileFor(MpmKind kind, List<MpmPattern> patterns) {
        return fileFor(kind, key(kind, patterns));
    }

    private Path fileFor(MpmKind kind, String key) {
        return dir.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + key + ".mpm");
    }

    /** The cached matcher for these patterns, or a freshly built one that is then cached. */
    public Loaded getOrBuild(MpmKind kind, List<MpmPattern> patterns) {
        return getOrBuild(kind, patterns, key(kind, patterns));
    }

    /** As {@link #getOrBuild(MpmKind, List)}, with the patterns' {@link #key} already worked out. */
    public Loaded getOrBuild(MpmKind kind, List<MpmPattern> patterns, String key) {
        Path file = fileFor(kind, key);
        if (Files.isRegularFile(file)) {
            MultiPatternMatcher cached = null;
            try {
                cached = MultiPatternMatchers.deserialize(dev.rampart.rules.FileContents.bytes(file));
                if (cached.kind() == kind && cached.patternCount() == patterns.size()) {
                    // Hyperscan refuses scratch for a database built for another CPU platform;
                    // finding that out here beats scans that silently report nothing.
                    cached.newScratch().close();
                    return new Loaded(cached, true, file);
                }
            } catch (IOException | RuntimeException e) {
                // rebuild and overwrite below
            }
            if (cached != null) {
                cached.close();
            }
        }
        MultiPatternMatcher m = MultiPatternMatchers.build(kind, patterns);
        try {
            store(file, m.serialize());
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written only loses the warm start
        }
        return new Loaded(m, false, file);
    }

    private void store(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
