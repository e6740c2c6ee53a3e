package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction keywords over HTTP through the whole packet path: header multi-buffers, urilen,
 * app-layer-event, base64_decode/base64_data, file keywords, app-layer-protocol.
 */
class HttpTxKeywordsTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");
    private static final String RESPONSE_BODY = "\u0089PNG\r\n\u001a\nimage-bytes";

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Trace download() {
        return DetectHarness.httpExchange("GET /files/Report.EXE?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: " + RESPONSE_BODY.length() + "\r\n\r\n" + RESPONSE_BODY);
    }

    @Test
    void requestHeaderIsOneBufferPerHeaderAsNameColonValue() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (http.request_header; content:\"User-Agent: t\"; bsize:13; sid:1;)",
                "alert http any any -> any any (http.request_header; content:\"Host: example.com\"; startswith; sid:2;)",
                // the two headers are separate instances: no single buffer holds both
                "alert http any any -> any any (http.request_header; content:\"example.com\"; content:\"User-Agent\"; sid:3;)",
                "alert http any any -> any any (flow:to_client; http.response_header; content:\"Content-Length: \"; sid:4;)");
        h.run(download());
        assertEquals(List.of(1L, 2L, 4L), h.sids().stream().sorted().toList());
    }

    /**
     * byte_extract names are the rule's: ET sid 2061619 (CrushFTP CVE-2025-31161) extracts in
     * http.cookie and compares in http.request_body. The reference (suricata 7.0.10) alerted on the
     * equal value and not on the other, as here.
     */
    @Test
    void aVariableExtractedInOneBufferIsReadInALaterOne() {
        String rule = "alert http any any -> any any (flow:established,to_server; http.cookie; content:\"currentAuth=\"; "
                + "byte_extract:4,0,c2f,relative; http.request_body; content:\"c2f|3d|\"; byte_test:4,=,c2f,0,relative; sid:%d;)";
        for (String body : List.of("c2f=ABCD", "c2f=WXYZ")) {
            DetectHarness h = new DetectHarness(String.format(rule, 1));
            h.run(DetectHarness.httpExchange("POST /WebInterface/ HTTP/1.1\r\nHost: h\r\nCookie: CrushAuth=1; currentAuth=ABCD\r\n"
                    + "Content-Length: 8\r\n\r\n" + body, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            assertEquals(body.endsWith("ABCD") ? List.of(1L) : List.of(), h.sids(), body);
        }
    }

    @Test
    void urilenComparesTheNormalisedUriLength() {
        String uri = "/files/Report.EXE?x=1"; // 21 bytes
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (urilen:" + uri.length() + "; sid:1;)",
                "alert http any any -> any any (urilen:<" + uri.length() + "; sid:2;)",
                "alert http any any -> any any (urilen:>10,raw; http.method; content:\"GET\"; sid:3;)");
        h.run(download());
        assertEquals(List.of(1L, 3L), h.sids().stream().sorted().toList());
    }

    @Test
    void appLayerEventMatchesTheTransactionWithTheAnomaly() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (app-layer-event:http.request_auth_unrecognized; sid:1;)",
                "alert http any any -> any any (app-layer-event:http.missing_host_header; sid:2;)");
        h.run(DetectHarness.httpExchange("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Turbo x\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        // Suricata 7.0.10 alerts once per direction of the transaction (checked with the oracle)
        assertEquals(List.of(1L, 1L), h.sids());
    }

    @Test
    void unknownHttpEventNameMakesTheRuleUnsupported() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (app-layer-event:http.no_such_event; sid:1;)");
        assertEquals(0, h.plan.ruleCount());
        assertTrue(h.plan.skipped().get(0).reason().contains("no_such_event"));
    }

    @Test
    void base64DataInspectsWhatBase64DecodeDecoded() {
        // "dGhpc2lzYXRlc3QK" is "thisisatest\n"
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (http.uri; content:\"arg\"; base64_decode:bytes 17, offset 1, relative; "
                        + "base64_data; content:\"thisisatest\"; sid:1;)",
                "alert http any any -> any any (http.uri; content:\"arg\"; base64_decode:bytes 17, offset 1, relative; "
                        + "base64_data; content:\"toast\"; sid:2;)",
                "alert http any any -> any any (http.uri; content:\"arg\"; base64_decode:bytes 8, offset 1, relative; "
                        + "base64_data; content:\"test\"; sid:3;)");
        h.run(DetectHarness.httpExchange("GET /?arg=dGhpc2lzYXRlc3QK HTTP/1.1\r\nHost: a\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of(1L), h.sids());
    }

    @Test
    void fileKeywordsSeeTheResponseBodyAsAFile() throws Exception {
        byte[] body = b(RESPONSE_BODY);
        String md5 = hex(MessageDigest.getInstance("MD5").digest(body));
        String sha256 = hex(MessageDigest.getInstance("SHA-256").digest(body));
        Path md5List = write("md5.list", "# comment\n" + md5 + "\n");
        Path shaList = write("sha.list", sha256.replace('a', 'b').replace('0', '1') + "\n");
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (filemd5:" + md5List + "; sid:1;)",
                "alert http any any -> any any (filesha256:" + shaList + "; sid:2;)",
                "alert http any any -> any any (filesha256:!" + shaList + "; sid:3;)",
                "alert http any any -> any any (fileext:\"exe\"; filestore; sid:4;)",
                "alert http any any -> any any (filename:\"report\"; sid:5;)",
                "alert http any any -> any any (filemagic:\"png image\"; sid:6;)",
                "alert http any any -> any any (filesize:" + body.length + "; sid:7;)",
                "alert http any any -> any any (filesize:>1000; sid:8;)",
                "alert http any any -> any any (fileext:\"txt\"; sid:9;)");
        h.run(download());
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L), h.sids().stream().sorted().toList());
        // file keywords look at the response: every alert is on a to-client packet
        assertTrue(h.alerts.stream().noneMatch(DetectHarness.Alert::toServer));
    }

    @Test
    void missingHashListMakesTheRuleUnsupported() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (filemd5:" + dir.resolve("absent.list") + "; sid:1;)");
        assertEquals(0, h.plan.ruleCount());
    }

    /**
     * A rule with nothing but app-layer-protocol matches on the packet that carries a direction's
     * decision: in IDS mode the next packet of that direction after the one whose acknowledgement gave
     * the parser its data (Suricata's FlagPacketFlow sets the flow's flag, the next packet takes it).
     * The packet numbers are suricata 7.0.10's for the same exchanges.
     */
    @Test
    void appLayerProtocolOnlyRuleMatchesOnThePacketsThatDecidedTheProtocol() {
        String[] rules = {
            "alert tcp any any -> any any (app-layer-protocol:http; sid:1;)",
            "alert tcp any any -> any any (app-layer-protocol:!tls; sid:2;)",
            "alert tcp any any -> any any (app-layer-protocol:tls; sid:3;)",
            "alert tcp any any -> any any (app-layer-protocol:failed; sid:5;)",
            "alert tcp any any -> any any (app-layer-protocol:smtp; sid:6;)",
            // with another keyword it is not detection-only: every packet once the protocol is known
            "alert tcp any any -> any any (flow:established; app-layer-protocol:http; sid:4;)"};
        DetectHarness h = new DetectHarness(rules);
        h.run(download());
        // the request reaches the parser with packet 5 (the server's ACK): the client's packet 7 carries
        // it; the response with packet 7: the server's FIN (9)
        assertEquals(List.of("1@7", "1@9", "2@7", "2@9"),
                h.txAlerts.stream().filter(a -> !a.startsWith("4@")).sorted().toList());
        assertTrue(h.alerts.stream().filter(a -> a.sid() == 4).count() > 2, "sid 4 alerts on each later packet");

        // an SMTP server speaks first: its banner finds nothing, and fails only when the client's EHLO
        // decided SMTP (with the server's packet 7): the server's next packet (8) carries "failed"
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new dev.rampart.capture.synth.TcpSession(t, CLIENT, 40001, SERVER, 25, 1000, 5000).handshake()
                .serverSends(b("220 mx ESMTP\r\n")).clientSends(b("EHLO x\r\n")).serverSends(b("250 ok\r\n"))
                .clientSends(b("QUIT\r\n")).serverSends(b("221 bye\r\n")).close();
        DetectHarness smtp = new DetectHarness(rules);
        smtp.run(t);
        assertEquals(List.of("2@8", "2@9", "5@8", "6@9"), smtp.txAlerts.stream().sorted().toList());
    }

    @Test
    void appLayerProtocolOfAnUndetectableProtocolIsUnsupported() {
        DetectHarness h = new DetectHarness("alert tcp any any -> any any (app-layer-protocol:!imap; sid:1;)");
        assertEquals(0, h.plan.ruleCount());
    }

    @Test
    void requestLineWithoutProtocolFollowedByHeadersIsNotHttp09() {
        DetectHarness h = new DetectHarness(
                "alert http any any -> any any (http.header_names; content:\"User-Agent\"; sid:1;)",
                "alert http any any -> any any (app-layer-event:http.request_line_missing_protocol; sid:2;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends(b("GET /gen.php?a=1\r\nHost: a\r\nUser-Agent:x\r\n\r\n")).close();
        h.run(t);
        // headers are parsed; Suricata 7.0.10 raises no missing-protocol event here (checked with the oracle)
        assertEquals(List.of(1L), h.sids().stream().sorted().toList());
    }

    @Test
    void connectionBufferReadsTheHeaderOfTheInspectedSide() {
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (flow:to_client; http.connection; content:\"close\"; sid:1;)",
                "alert tcp any any -> any any (flow:to_server; http.connection; content:\"keep-alive\"; sid:2;)");
        h.run(DetectHarness.httpExchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n",
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(List.of(1L, 2L), h.sids().stream().sorted().toList());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String hex(byte[] h) {
        StringBuilder sb = new StringBuilder();
        for (byte x : h) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
