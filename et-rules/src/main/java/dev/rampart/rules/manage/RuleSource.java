package dev.rampart.rules.manage;

import dev.rampart.rules.FileContents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where rules come from. {@link #fetch} returns the files of the source in a stable order; only
 * {@code *.rules} files are read as rules, other files (classification.config, ...) come along for
 * callers that want them. Create sources with {@link RuleSources}.
 */
public sealed interface RuleSource {

    /** A short name for messages. */
    String label();

    List<SourceFile> fetch(Downloader downloader) throws IOException;

    /** Every {@code *.rules} file below a directory, sorted by path. */
    record Directory(Path dir) implements RuleSource {
        public String label() {
            return dir.toString();
        }

        public List<SourceFile> fetch(Downloader downloader) throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + ": not a directory");
            }
            List<Path> paths;
            try (Stream<Path> s = Files.walk(dir)) {
                paths = s.filter(p -> p.getFileName().toString().endsWith(".rules") && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            }
            List<SourceFile> out = new ArrayList<>(paths.size());
            for (Path p : paths) {
                out.add(new SourceFile(p.toString(), FileContents.bytes(p)));
            }
            return out;
        }
    }

    /** One local file: a rule file, or an archive ({@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .zip}). */
    record LocalFile(Path file) implements RuleSource {
        public String label() {
            return file.toString();
        }

        public List<SourceFile> fetch(Downloader downloader) throws IOException {
            byte[] data = FileContents.bytes(file);
            return unpack(file.toString(), file.toString(), data);
        }
    }

    /**
     * A download. {@code expected} (may be null) is verified; otherwise, with {@code companionMd5},
     * {@code <url>.md5} is.
     */
    record Url(URI url, Checksum expected, boolean companionMd5) implements RuleSource {
        public String label() {
            return url.toString();
        }

        public List<SourceFile> fetch(Downloader downloader) throws IOException {
            byte[] data = downloader.fetch(url, expected, companionMd5);
            return unpack(url.toString(), Downloader.baseName(url), data);
        }
    }

    /**
     * Archives by content (gzip/tar/zip magic); anything else is one file named {@code name} (less a
     * {@code .gz} suffix when it was gzip-compressed).
     */
    static List<SourceFile> unpack(String label, String name, byte[] data) throws IOException {
        try {
            byte[] d = data;
            if (TarReader.isGzip(d)) {
                d = TarReader.gunzip(d);
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".tgz")) {
                    name = name.substring(0, name.length() - 4) + ".tar";
                } else if (lower.endsWith(".gz")) {
                    name = name.substring(0, name.length() - 3);
                }
            }
            if (TarReader.isTar(d)) {
                List<SourceFile> files = new ArrayList<>(TarReader.readTar(new ByteArrayInputStream(d)));
                files.sort(Comparator.comparing(SourceFile::name));
                return files;
            }
            if (d.length >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) {
                return unzip(d);
            }
            return List.of(new SourceFile(name, d));
        } catch (IOException e) {
            throw new IOException(label + ": " + e.getMessage(), e);
        }
    }

    private static List<SourceFile> unzip(byte[] d) throws IOException {
        List<SourceFile> files = new ArrayList<>();
        long total = 0;
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(d))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] body = TarReader.readAll(z, TarReader.MAX_TOTAL_BYTES - total);
                total += body.length;
                files.add(new SourceFile(e.getName(), body));
            }
        }
        files.sort(Comparator.comparing(SourceFile::name));
        return files;
    }
}
