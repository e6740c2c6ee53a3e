package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 with prior knowledge on port 80: the HTTP buffers on its streams, which rules inspect
 * them (http and http2 rules, not http1), and when. Expected alerts are suricata 7.0.10's on the
 * same capture (set -Drampart.h2pcap=FILE to write it): packet 4 carries the client's preface,
 * SETTINGS and a POST's HEADERS, packet 5 its DATA, packet 6 the server's SETTINGS, HEADERS (201)
 * and DATA, then the close.
 */
class Http2DetectTest {
    static Trace session() throws Exception {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.write(frame(4, 0, 0, new byte[] {0, 1, 0, 0, 0x10, 0})); // SETTINGS_HEADER_TABLE_SIZE 4096
        c.write(frame(1, 0x4, 1, block(":method", "POST", ":scheme", "http", ":path", "/admin?x=1",
                ":authority", "Example.COM:8080", "user-agent", " ua1 ", "cookie", "sess=1", "cookie", "b=2",
                "accept", "*/*")));
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(frame(4, 0, 0, new byte[0]));
        s.write(frame(4, 1, 0, new byte[0])); // ACK: no transaction
        s.write(frame(1, 0x4, 1, block(":status", "201", "content-type", "text/plain", "set-cookie", "k=v")));
        s.write(frame(0, 0x1, 1, "resp-data".getBytes(StandardCharsets.US_ASCII)));
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 80, 1000, 5000).handshake()
                .clientSends(c.toByteArray())
                .clientSends(frame(0, 0x1, 1, "hello body".getBytes(StandardCharsets.US_ASCII)))
                .serverSends(s.toByteArray()).close();
        Http2Wire.writeIfAsked(t, "rampart.h2pcap");
        return t;
    }

    /**
     * Suricata 8's HTTP/2 app-layer frames (7.0.10 refuses them: "unknown frame"): a frame's 9-byte
     * header, its payload, both; inspected as the stream's bytes are (when acknowledged).
     */
    @Test
    void http2Frames() throws Exception {
        DetectHarness h = new DetectHarness(
                "alert http2 any any -> any any (frame:http2.hdr; content:\"|00 00 06 04 00|\"; flow:to_server; sid:1;)",
                "alert http2 any any -> any any (frame:http2.data; content:\"hello body\"; bsize:10; flow:to_server; sid:2;)",
                "alert http2 any any -> any any (frame:http2.pdu; content:\"|00 00 09 00 01 00 00 00 01|resp-data\"; "
                        + "startswith; flow:to_client; sid:3;)",
                "alert http2 any any -> any any (frame:http2.data; content:\"resp-data\"; flow:to_client; sid:4;)",
                "alert http2 any any -> any any (frame:http2.hdr; content:\"|01 04|\"; offset:3; depth:2; flow:to_client; sid:5;)",
                "alert http2 any any -> any any (frame:http2.hdr; content:\"hello\"; sid:6;)",
                "alert http1 any any -> any any (frame:http2.hdr; content:\"|00|\"; sid:7;)");
        assertEquals(List.of("1@6", "2@9", "3@11", "4@11", "5@11"), h.sortedTxAlerts(session()));
    }

    /** A GET whose response body is gzip-encoded over two DATA frames, then a deflate-encoded one on stream 3. */
    static Trace compressedSession() throws Exception {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.write(frame(4, 0, 0, new byte[0]));
        c.write(frame(1, 0x5, 1, block(":method", "GET", ":path", "/gz", ":authority", "h")));
        c.write(frame(1, 0x5, 3, block(":method", "GET", ":path", "/df", ":authority", "h")));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
            g.write("<html>secret-gz-body</html>".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] z = gz.toByteArray();
        ByteArrayOutputStream df = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream o = new java.util.zip.DeflaterOutputStream(df)) {
            o.write("deflated-body-here".getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(frame(4, 0, 0, new byte[0]));
        s.write(frame(1, 0x4, 1, block(":status", "200", "content-encoding", "gzip")));
        s.write(frame(0, 0, 1, java.util.Arrays.copyOfRange(z, 0, 12)));
        s.write(frame(0, 0x1, 1, java.util.Arrays.copyOfRange(z, 12, z.length)));
        s.write(frame(1, 0x4, 3, block(":status", "200", "content-encoding", "deflate")));
        s.write(frame(0, 0x1, 3, df.toByteArray()));
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 80, 1000, 5000).handshake()
                .clientSends(c.toByteArray()).serverSends(s.toByteArray()).close();
        Http2Wire.writeIfAsked(t, "rampart.h2gzpcap");
        return t;
    }

    @Test
    void compressedBodiesAreInflated() throws Exception {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (file.data; content:\"secret-gz-body\"; sid:1;)",
                "alert http any any -> any any (http.response_body; content:\"<html>\"; startswith; sid:2;)",
                "alert http any any -> any any (file.data; content:\"deflated-body\"; sid:3;)",
                "alert http2 any any -> any any (app-layer-event:http2.failed_decompression; sid:4;)");
        assertEquals(EXPECTED_COMPRESSED, h.sortedTxAlerts(compressedSession()));
    }

    /**
     * suricata 7.0.10 gives 1@9#0 and 2@9#0 the same. On the deflate body it differs on purpose: it
     * inflates HTTP/2 "deflate" as raw deflate only, so a zlib-wrapped body (what RFC 9110 calls
     * deflate, and what Java and most servers send) fails there (failed_decompression, 4@7#1 and
     * 4@9#1) and its content is not seen; we inflate both forms, as for HTTP/1, and match it (3@9#1).
     */
    /**
     * An open HTTP/2 body is inspected as Suricata inspects a file: once 32 KiB are in (its
     * file-data minimal inspect size) or when the stream ends; three 16000-byte DATA frames in three
     * segments, the marker in the first (-Drampart.h2bigpcap=FILE writes the capture).
     */
    @Test
    void anOpenBodyWaitsForThirtyTwoKilobytes() throws Exception {
        byte[] chunk = new byte[16000];
        java.util.Arrays.fill(chunk, (byte) 'a');
        byte[] first = chunk.clone();
        System.arraycopy("MARK".getBytes(StandardCharsets.US_ASCII), 0, first, 100, 4);
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        c.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        c.write(frame(4, 0, 0, new byte[0]));
        c.write(frame(1, 0x5, 1, block(":method", "GET", ":path", "/big", ":authority", "h")));
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 80, 1000, 5000).handshake()
                .clientSends(c.toByteArray())
                .serverSends(Http2Wire.cat(frame(4, 0, 0, new byte[0]), frame(1, 0x4, 1, block(":status", "200"))))
                .serverSends(frame(0, 0, 1, first))
                .serverSends(frame(0, 0, 1, chunk))
                .serverSends(frame(0, 0x1, 1, chunk)).close();
        Http2Wire.writeIfAsked(t, "rampart.h2bigpcap");
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (file.data; content:\"MARK\"; sid:1;)",
                "alert http any any -> any any (flow:to_client; http.stat_code; content:\"200\"; sid:2;)");
        assertEquals(EXPECTED_BIG, h.sortedTxAlerts(t));
    }

    /** suricata 7.0.10: the same (the body becomes inspectable with the last frame; before, at the first). */
    static final List<String> EXPECTED_BIG = List.of("1@75#0", "2@30#0");

    static final List<String> EXPECTED_COMPRESSED = List.of("1@9#0", "2@9#0", "3@9#1");

    /**
     * filemd5 on HTTP/2 bodies (suricata-verify http2-files' sid 5): a stream's response body is a
     * file with hashes as an HTTP/1 body is, taken when the stream ends (was: no digests on HTTP/2
     * streams, so the rule never matched).
     */
    @Test
    void fileHashesCoverStreamBodies(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5")
                .digest("<html>secret-gz-body</html>".getBytes(StandardCharsets.US_ASCII));
        StringBuilder md5 = new StringBuilder();
        for (byte b : digest) {
            md5.append(String.format("%02x", b));
        }
        java.nio.file.Path list = java.nio.file.Files.writeString(dir.resolve("md5.list"), md5 + "\n");
        DetectHarness h = new DetectHarness(
                "alert http2 any any -> any any (flow:established,to_client; filemd5:" + list + "; sid:1;)",
                "alert http2 any any -> any any (filemd5:!" + list + "; sid:2;)");
        assertEquals(List.of("1@9#0", "2@9#1"), h.sortedTxAlerts(compressedSession()));
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return Http2Wire.frame(type, flags, stream, payload);
    }

    /** HPACK literals without indexing, plain strings. */
    static byte[] block(String... nv) {
        return Http2Wire.block(Http2Wire.LITERAL, nv);
    }

    static final String[] RULES = {
        "alert http any any -> any any (http.uri; content:\"/admin?x=1\"; bsize:10; sid:1;)",
        "alert http any any -> any any (http.host; content:\"example.com\"; bsize:11; sid:2;)",
        "alert http any any -> any any (http.host.raw; content:\"Example.COM:8080\"; bsize:16; sid:3;)",
        "alert http any any -> any any (http.method; content:\"POST\"; sid:4;)",
        "alert http any any -> any any (flow:to_server; http.header; content:\"user-agent: ua1|0d 0a|\"; sid:5;)",
        "alert http any any -> any any (flow:to_server; http.header; content:\"cookie\"; sid:6;)",
        "alert http any any -> any any (http.cookie; content:\"sess=1, b=2\"; bsize:11; sid:7;)",
        "alert http any any -> any any (http.request_line; content:\"POST /admin?x=1 HTTP/2|0d 0a|\"; bsize:24; sid:8;)",
        "alert http any any -> any any (http.stat_code; content:\"201\"; sid:9;)",
        "alert http any any -> any any (flow:to_client; file.data; content:\"resp-data\"; sid:10;)",
        "alert http any any -> any any (http.request_body; content:\"hello body\"; sid:11;)",
        "alert http1 any any -> any any (http.uri; content:\"/admin\"; sid:12;)",
        "alert http2 any any -> any any (http.uri; content:\"/admin\"; sid:13;)",
        "alert http any any -> any any (flow:to_server; http.start; content:\"POST\"; sid:14;)",
        "alert http any any -> any any (flow:to_server; http.protocol; content:\"HTTP/2\"; bsize:6; sid:15;)",
        "alert http any any -> any any (http.response_line; content:\"HTTP/2 201|0d 0a|\"; bsize:12; sid:16;)",
        "alert http any any -> any any (flow:to_server; http.header_names; content:\"|0d 0a|:method|0d 0a|\"; sid:17;)",
        "alert http any any -> any any (http.user_agent; content:\"ua1\"; bsize:5; sid:18;)",
        "alert http any any -> any any (flow:to_client; http.header; content:\"set-cookie\"; sid:19;)",
        "alert http any any -> any any (flow:to_client; http.header.raw; content:\"set-cookie: k=v|0d 0a|\"; sid:20;)",
        "alert http any any -> any any (http.accept; content:\"*/*\"; sid:21;)",
        "alert http any any -> any any (flow:to_client; http.content_type; content:\"text/plain\"; sid:22;)",
        "alert tcp any any -> any any (flow:to_server; content:\"PRI * HTTP/2.0\"; sid:23;)",
        "alert http2 any any -> any any (flow:to_server; content:\"resp\"; sid:24;)",
        // one instance per field as it came (not joined, not trimmed), from the stream's opening on
        "alert http any any -> any any (flow:to_server; http.request_header; content:\"cookie: sess=1\"; bsize:14; sid:25;)",
        "alert http any any -> any any (flow:to_server; http.request_header; content:\"user-agent:  ua1 \"; sid:26;)",
    };

    @Test
    void httpBuffersOnAnHttp2Stream() throws Exception {
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(EXPECTED, h.sortedTxAlerts(session()));
    }

    /**
     * suricata 7.0.10 on the capture (sid@pcap_cnt#tx_id); 6, 12, 14, 19 and 24 do not alert. The
     * stream match 23 comes at the close as the reference's (its parser never asks for raw
     * inspection); the reference also names a transaction (2) on that alert, we name none.
     */
    static final List<String> EXPECTED = List.of(
            "10@11#1", "11@9#1", "13@9#1", "15@6#0", "15@9#1", "16@11#1", "17@9#1", "18@9#1", "1@9#1", "20@11#1", "21@9#1", "22@11#1", "23@10", "25@6#1", "26@6#1", "2@9#1", "3@9#1", "4@9#1", "5@9#1", "7@9#1", "8@9#1", "9@11#1");
}
