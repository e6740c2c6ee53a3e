package dev.rampart.rules.manage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server on 127.0.0.1 only; no real network. */
class DownloaderTest {
    private HttpServer server;
    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> log = new ArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = content.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Downloader downloader(Path cache) {
        return Downloader.create(cache, log::add);
    }

    private int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Test
    void downloadsWithExpectedSha256() throws Exception {
        byte[] data = "alert tcp any any -> any any (msg:\"x\"; sid:1;)\n".getBytes(StandardCharsets.UTF_8);
        content.put("/r.rules", data);
        Checksum sum = Checksum.sha256(Checksum.digest("SHA-256", data));
        assertArrayEquals(data, downloader(null).fetch(URI.create(base + "/r.rules"), sum, false));
    }

    @Test
    void rejectsChecksumMismatch() {
        content.put("/r.rules", "tampered".getBytes(StandardCharsets.UTF_8));
        Checksum sum = Checksum.md5(Checksum.digest("MD5", "original".getBytes(StandardCharsets.UTF_8)));
        IOException e = assertThrows(IOException.class,
                () -> downloader(null).fetch(URI.create(base + "/r.rules"), sum, false));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().startsWith(base + "/r.rules"), e.getMessage());
    }

    @Test
    void verifiesAgainstCompanionMd5() throws Exception {
        byte[] data = Fixtures.etStyleTarGz(Fixtures.sampleFiles());
        content.put("/emerging.rules.tar.gz", data);
        content.put("/emerging.rules.tar.gz.md5", (Checksum.digest("MD5", data) + "\n").getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(data, downloader(null).fetch(URI.create(base + "/emerging.rules.tar.gz"), null, true));

        content.put("/emerging.rules.tar.gz.md5", "0123456789abcdef0123456789abcdef  emerging.rules.tar.gz\n"
                .getBytes(StandardCharsets.US_ASCII));
        IOException e = assertThrows(IOException.class,
                () -> downloader(null).fetch(URI.create(base + "/emerging.rules.tar.gz"), null, true));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void missingOrMalformedCompanionIsAnError() {
        content.put("/a.rules", "A".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class,
                () -> downloader(null).fetch(URI.create(base + "/a.rules"), null, true));
        assertEquals(base + "/a.rules.md5: HTTP 404", e.getMessage());
        content.put("/a.rules.md5", "<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(IOException.class, () -> downloader(null).fetch(URI.create(base + "/a.rules"), null, true));
        assertTrue(e.getMessage().contains("not an md5 checksum"), e.getMessage());
    }

    @Test
    void httpErrorsNameTheUrl() {
        IOException e = assertThrows(IOException.class,
                () -> downloader(null).fetch(URI.create(base + "/missing.rules"), null, false));
        assertEquals(base + "/missing.rules: HTTP 404", e.getMessage());
    }

    @Test
    void refusesOtherSchemes() {
        IOException e = assertThrows(IOException.class,
                () -> downloader(null).fetch(URI.create("file:///etc/hostname"), null, false));
        assertTrue(e.getMessage().contains("only http and https"), e.getMessage());
    }

    @Test
    void sizeLimit() {
        content.put("/big.rules", new byte[5000]);
        Downloader small = new Downloader(java.net.http.HttpClient.newHttpClient(), java.time.Duration.ofSeconds(10),
                1000, null, log::add);
        IOException e = assertThrows(IOException.class,
                () -> small.fetch(URI.create(base + "/big.rules"), null, false));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void unchangedRemoteMd5UsesTheCache(@TempDir Path cache) throws Exception {
        byte[] data = "R1".getBytes(StandardCharsets.UTF_8);
        content.put("/c.rules", data);
        content.put("/c.rules.md5", Checksum.digest("MD5", data).getBytes(StandardCharsets.US_ASCII));
        URI u = URI.create(base + "/c.rules");
        assertArrayEquals(data, downloader(cache).fetch(u, null, true));
        assertEquals(1, hits("/c.rules"));
        assertArrayEquals(data, downloader(cache).fetch(u, null, true));
        assertEquals(1, hits("/c.rules"), "second fetch served from the cache");
        assertEquals(2, hits("/c.rules.md5"));
        assertTrue(log.stream().anyMatch(m -> m.contains("using cached copy")), log.toString());

        byte[] v2 = "R2".getBytes(StandardCharsets.UTF_8);
        content.put("/c.rules", v2);
        content.put("/c.rules.md5", Checksum.digest("MD5", v2).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(v2, downloader(cache).fetch(u, null, true));
        assertEquals(2, hits("/c.rules"), "changed md5: downloaded again");
        try (var s = Files.list(cache)) {
            assertEquals(1, s.count(), "one cache file per URL");
        }
    }

    @Test
    void failedDownloadFallsBackToCacheWhenUnchecked(@TempDir Path cache) throws Exception {
        content.put("/f.rules", "F".getBytes(StandardCharsets.UTF_8));
        URI u = URI.create(base + "/f.rules");
        downloader(cache).fetch(u, null, false);
        content.remove("/f.rules");
        assertEquals("F", new String(downloader(cache).fetch(u, null, false), StandardCharsets.UTF_8));
        assertTrue(log.stream().anyMatch(m -> m.startsWith("warning: ") && m.contains("HTTP 404")), log.toString());
    }

    @Test
    void unreachableCompanionFallsBackToTheVerifiedCache(@TempDir Path cache) throws Exception {
        byte[] data = "V".getBytes(StandardCharsets.UTF_8);
        content.put("/v.rules", data);
        content.put("/v.rules.md5", Checksum.digest("MD5", data).getBytes(StandardCharsets.US_ASCII));
        URI u = URI.create(base + "/v.rules");
        downloader(cache).fetch(u, null, true);
        content.remove("/v.rules.md5");
        content.remove("/v.rules");
        assertArrayEquals(data, downloader(cache).fetch(u, null, true));
        assertTrue(log.stream().anyMatch(m -> m.contains("v.rules.md5: HTTP 404; using cached copy")), log.toString());
        IOException e = assertThrows(IOException.class, () -> downloader(null).fetch(u, null, true),
                "no cache: the failure stands");
        assertTrue(e.getMessage().endsWith("HTTP 404"), e.getMessage());
    }

    @Test
    void urlSourceUnpacksEtArchive() throws Exception {
        byte[] data = Fixtures.etStyleTarGz(Fixtures.sampleFiles());
        content.put("/open/suricata-7.0/emerging.rules.tar.gz", data);
        content.put("/open/suricata-7.0/emerging.rules.tar.gz.md5",
                Checksum.digest("MD5", data).getBytes(StandardCharsets.US_ASCII));
        RuleSource src = RuleSources.url(base + "/open/suricata-7.0/emerging.rules.tar.gz");
        List<SourceFile> files = src.fetch(downloader(null));
        assertEquals(List.of("rules/classification.config", "rules/emerging-exploit.rules",
                "rules/emerging-info.rules"), files.stream().map(SourceFile::name).toList());
    }

    @Test
    void urlSourceOfAPlainRulesFileIsNamedAfterTheUrl() throws Exception {
        content.put("/feeds/local.rules", "X".getBytes(StandardCharsets.UTF_8));
        List<SourceFile> files = RuleSources.urlUnchecked(base + "/feeds/local.rules?token=1").fetch(downloader(null));
        assertEquals("local.rules", files.get(0).name());
    }

    @Test
    void checksumParsing() {
        assertEquals("MD5", Checksum.parse("md5:0123456789ABCDEF0123456789abcdef").algorithm());
        assertEquals("0123456789abcdef0123456789abcdef", Checksum.parse("0123456789abcdef0123456789abcdef").hex());
        assertEquals("SHA-256", Checksum.parse("sha256:" + "a".repeat(64)).algorithm());
        assertEquals("SHA-256", Checksum.parse("SHA-256:" + "a".repeat(64)).algorithm());
        assertThrows(IllegalArgumentException.class, () -> Checksum.parse("sha1:" + "a".repeat(40)));
        assertThrows(IllegalArgumentException.class, () -> Checksum.parse("md5:xyz"));
        assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("a".repeat(63)));
    }
}
