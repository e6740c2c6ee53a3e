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

    /**
     * Suricata 8's envelope and header buffers (suricata-verify's smtp-keywords and detect-email-*
     * pass with them): the session's HELO for every mail, the mail's MAIL FROM and each RCPT TO, and
     * the mail's own headers (each Received one an instance; a quoted comma does not split an address).
     */
    @Test
    void envelopeAndHeaderBuffers() {
        String mail = "Received: from a (a [10.0.0.1]) by relay1\r\nReceived: from relay1 by relay2\r\n"
                + "From: toto <toto@gmail.com>\r\nTo: b@example.net\r\nCc: \"jam,abra.ch\" <m@abra.ch>\r\n"
                + "Subject: This is a test email\r\nDate: Fri, 21 Apr 2023 05:10:36 +0000\r\n"
                + "X-Mailer: Outlook 11\r\n\r\nbody\r\n";
        DetectHarness h = new DetectHarness(
                "alert smtp any any -> any any (smtp.helo; content:\"client.example\"; bsize:14; sid:1;)",
                "alert smtp any any -> any any (smtp.mail_from; content:\"<a@example.com>\"; bsize:15; sid:2;)",
                "alert smtp any any -> any any (smtp.rcpt_to; content:\"<b@example.net>\"; bsize:15; sid:3;)",
                "alert smtp any any -> any any (email.from; content:\"toto <toto@gmail.com>\"; bsize:21; sid:4;)",
                "alert smtp any any -> any any (email.cc; content:\"\\\"jam,abra.ch\\\" <m@abra.ch>\"; bsize:25; sid:5;)",
                "alert smtp any any -> any any (email.subject; content:\"This is a test email\"; bsize:20; sid:6;)",
                "alert smtp any any -> any any (email.date; content:\"Fri, 21 Apr 2023\"; startswith; sid:7;)",
                "alert smtp any any -> any any (email.x_mailer; content:\"Outlook 11\"; bsize:10; sid:8;)",
                "alert smtp any any -> any any (email.received; content:\"from relay1 by relay2\"; bsize:21; sid:9;)",
                "alert smtp any any -> any any (email.received; content:\"by relay1\"; endswith; sid:10;)",
                "alert smtp any any -> any any (email.to; content:\"nobody\"; sid:11;)");
        assertEquals(List.of(), h.plan.skipped());
        h.run(session(mail));
        // smtp.helo is the session's: it matches every transaction (here the mail's, 0, and the next, 1),
        // as in Suricata 8.0.0 (suricata-verify smtp-keywords: two helo alerts before 8.0.7)
        assertEquals(List.of("1@9#0", "1@29#1"), h.txAlerts.stream().filter(a -> a.startsWith("1@")).toList());
        assertEquals(List.of(1L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), h.sids().stream().sorted().toList());
    }
}
