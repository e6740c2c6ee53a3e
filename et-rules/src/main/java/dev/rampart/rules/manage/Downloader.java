package dev.rampart.rules.manage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Downloads rule sources over HTTP(S) with {@link java.net.http.HttpClient} and checks them:
 * against an expected sha256/md5 given with the source, or against the {@code <url>.md5} file that
 * rule vendors publish next to their archives (suricata-update reads the same file). With a cache
 * directory, an unchanged remote md5 means the cached copy is used without downloading again, and a
 * failed download falls back to the cached copy with a warning, as suricata-update does.
 */
public final class Downloader {
    /** Default cap on one download. ET Open's archive is a few MB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;
    private final Path cacheDir;
    private final Consumer<String> log;

    public Downloader(HttpClient client, Duration timeout, long maxBytes, Path cacheDir, Consumer<String> log) {
        this.client = client;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.cacheDir = cacheDir;
        this.log = log;
    }

    /** No cache, 60 s timeout, messages dropped. */
    public static Downloader create() {
        return create(null, m -> { });
    }

    public static Downloader create(Path cacheDir, Consumer<String> log) {
        HttpClient c = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new Downloader(c, Duration.ofSeconds(60), DEFAULT_MAX_BYTES, cacheDir, log);
    }

    /**
     * Fetches the URL and verifies it.
     *
     * @param expected checksum to verify, or null
     * @param companionMd5 fetch {@code <url>.md5} and verify against it (ignored when {@code expected} is given)
     * @throws IOException on HTTP errors and checksum mismatches; the message starts with the URL
     */
    public byte[] fetch(URI url, Checksum expected, boolean companionMd5) throws IOException {
        Checksum want = expected;
        Path cached = cacheFile(url);
        if (want == null && companionMd5) {
            try {
                want = remoteMd5(url);
            } catch (IOException e) {
                // the cached copy was verified when it was downloaded
                if (cached != null && Files.isRegularFile(cached)) {
                    log.accept("warning: " + e.getMessage() + "; using cached copy " + cached);
                    return Files.readAllBytes(cached);
                }
                throw e;
            }
        }
        if (cached != null && want != null && Files.isRegularFile(cached)) {
            byte[] old = Files.readAllBytes(cached);
            if (want.matches(old)) {
                log.accept(url + ": checksum unchanged, using cached copy " + cached);
                return old;
            }
        }
        byte[] data;
        try {
            data = get(url);
        } catch (IOException e) {
            if (cached != null && Files.isRegularFile(cached) && want == null) {
                log.accept("warning: " + e.getMessage() + "; using cached copy " + cached);
                return Files.readAllBytes(cached);
            }
            throw e;
        }
        if (want != null && !want.matches(data)) {
            throw new IOException(url + ": checksum mismatch: expected " + want + ", got "
                    + Checksum.digest(want.algorithm(), data));
        }
        if (cached != null) {
            Files.createDirectories(cached.getParent());
            Path tmp = Files.createTempFile(cached.getParent(), ".download", ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        log.accept(url + ": downloaded " + data.length + " bytes");
        return data;
    }

    /** The md5 published at {@code <url>.md5}: the first word of that file. */
    public Checksum remoteMd5(URI url) throws IOException {
        URI md5Url = URI.create(url.toString() + ".md5");
        String body = new String(get(md5Url), StandardCharsets.US_ASCII).strip();
        String first = body.isEmpty() ? "" : body.split("\\s+", 2)[0];
        try {
            return Checksum.md5(first);
        } catch (IllegalArgumentException e) {
            throw new IOException(md5Url + ": not an md5 checksum: \"" + abbreviate(body) + "\"");
        }
    }

    private byte[] get(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException(url + ": only http and https URLs can be downloaded");
        }
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout)
                .header("User-Agent", "Rampart rule-update").GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted");
        } catch (IOException e) {
            throw new IOException(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException(url + ": HTTP " + resp.statusCode());
            }
            long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new IOException(url + ": too large (" + declared + " bytes, limit " + maxBytes + ")");
            }
            try {
                return TarReader.readAll(in, maxBytes);
            } catch (IOException e) {
                throw new IOException(url + ": " + e.getMessage(), e);
            }
        }
    }

    /** Cache file name as suricata-update forms it: md5 of the URL, then the URL's base name. */
    private Path cacheFile(URI url) {
        if (cacheDir == null) {
            return null;
        }
        String hash = Checksum.digest("MD5", url.toString().getBytes(StandardCharsets.UTF_8));
        return cacheDir.resolve(hash + "-" + baseName(url));
    }

    /** The last path element of a URL, without query; "download" when the path is empty. */
    public static String baseName(URI url) {
        String p = url.getPath() == null ? "" : url.getPath();
        int slash = p.lastIndexOf('/');
        String b = p.substring(slash + 1);
        return b.isEmpty() ? "download" : b;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
