package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMTP attachments as {@code file.data}, and the raw stream inspection the SMTP parser asks for,
 * end to end. The session is the first one of the capture that was checked against Suricata
 * 7.0.10 (docs/engine.md, "SMTP"): the reference alerted both rules on packet 25, the client's
 * acknowledgement of the server's "250 queued" (the mail's bytes reach the parser with the
 * server's acknowledgement, and to-server rules run on the next client packet), and not on the
 * text part's marker.
 */
class SmtpDetectTest {

    private static Trace session(String... mails) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, 40001, DetectHarness.SERVER, 25, 1000, 5000).mss(1400)
                .handshake();
        s.serverSends(bytes("220 mx ESMTP\r\n")).clientSends(bytes("EHLO client.example\r\n"))
                .serverSends(bytes("250-mx\r\n250 8BITMIME\r\n"));
        for (String m : mails) {
            s.clientSends(bytes("MAIL FROM:<a@example.com>\r\n")).serverSends(bytes("250 OK\r\n"))
                    .clientSends(bytes("RCPT TO:<b@example.net>\r\n")).serverSends(bytes("250 OK\r\n"))
                    .clientSends(bytes("DATA\r\n")).serverSends(bytes("354 go ahead\r\n"))
                    .clientSends(bytes(m + ".\r\n")).serverSends(bytes("250 queued\r\n"));
        }
        s.clientSends(bytes("QUIT\r\n")).serverSends(bytes("221 bye\r\n")).close();
        return t;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String MAIL = "From: a@example.com\r\nTo: b@example.net\r\nSubject: t\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"BOUND\"\r\n\r\nThis is MIME.\r\n"
            + "--BOUND\r\nContent-Type: text/plain\r\n\r\nhello MARKER00 in text\r\n"
            + "--BOUND\r\nContent-Type: application/octet-stream; name=\"x.bin\"\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"x.bin\"\r\n\r\n"
            + java.util.Base64.getEncoder().encodeToString(bytes("ustar MARKER01 start")) + "\r\n--BOUND--\r\n";

    @Test
    void attachmentsAreFileDataAndTheirEndAsksForRawInspection() {
        DetectHarness h = new DetectHarness(
                "alert smtp any any -> any any (flow:to_server,established; file.data; content:\"MARKER00\"; sid:100;)",
                "alert smtp any any -> any any (flow:to_server,established; file.data; content:\"MARKER01\"; sid:101;)",
                "alert smtp any any -> any any (flow:to_server,established; file.data; content:\"ustar\"; startswith; sid:200;)",
                "alert smtp any any -> any any (flow:to_server,established; content:\"EHLO client\"; sid:1;)",
                "alert smtp any any -> any any (flow:to_server,established; content:\"QUIT\"; sid:3;)");
        assertEquals(List.of(), h.plan.skipped(), "SMTP file.data rules load");
        List<DetectHarness.Alert> alerts = h.run(session(MAIL));
        assertEquals(List.of("101@25", "1@25", "200@25", "3@30"),
                alerts.stream().map(a -> a.sid() + "@" + a.pcapCnt()).sorted().toList());
    }

    /**
     * An accepted STARTTLS turns the flow to TLS (checked with the reference on an SMTP session
     * carrying a real TLS 1.2 handshake: its ja3.string rule alerted with app_proto tls, the
     * STARTTLS content rule on the protocol change's flush, and no smtp content rule on the TLS bytes).
     */
    @Test
    void starttlsHandsTheFlowToTheTlsParser() {
        DetectHarness h = new DetectHarness(
                "alert tls any any -> any any (tls.sni; content:\"mail.example.com\"; sid:1;)",
                "alert smtp any any -> any any (flow:to_server,established; content:\"|16 03|\"; sid:2;)",
                "alert smtp any any -> any any (flow:to_server,established; content:\"STARTTLS\"; sid:3;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40002, DetectHarness.SERVER, 25, 1000, 5000).handshake()
                .serverSends(bytes("220 mx ESMTP\r\n")).clientSends(bytes("EHLO client.example\r\n"))
                .serverSends(bytes("250-mx\r\n250 STARTTLS\r\n")).clientSends(bytes("STARTTLS\r\n"))
                .serverSends(bytes("220 Ready to start TLS\r\n"))
                .clientSends(dev.rampart.capture.synth.Tls.clientHello("mail.example.com", 7)).close();
        List<DetectHarness.Alert> alerts = h.run(t);
        assertEquals(List.of(1L, 3L), alerts.stream().map(DetectHarness.Alert::sid).sorted().toList());
    }

    /** The server speaks first and its banner is no SMTP to detection: Suricata logs app_proto_tc "failed". */
    @Test
    void alertsSayTheServersDirectionFailedDetection() {
        DetectHarness h = new DetectHarness(
                "alert smtp any any -> any any (flow:to_server,established; content:\"EHLO client\"; sid:1;)");
        List<String> seen = new java.util.ArrayList<>();
        DetectStage stage = new DetectStage(h.plan, (e, r) -> seen.add(e.appProto + "/" + e.appProtoTs + "/" + e.appProtoTc));
        DetectHarness.feed(dev.rampart.engine.pipeline.PacketPath.withDetection(h.config, stage), session(MAIL));
        assertEquals(List.of("smtp/null/failed"), seen);
    }

    @Test
    void aRuleAlertsOncePerMailWithItsTransaction() {
        DetectHarness h = new DetectHarness(
                "alert smtp any any -> any any (flow:to_server,established; file.data; content:\"MARKER01\"; sid:101;)");
        List<DetectHarness.Alert> alerts = h.run(session(MAIL, MAIL));
        assertEquals(2, alerts.size(), "each mail's attachment: " + alerts);
    }
}
