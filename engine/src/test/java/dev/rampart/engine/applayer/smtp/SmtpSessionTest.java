package dev.rampart.engine.applayer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMTP commands, replies and MIME attachments as Suricata 7.0.10 reads them: each expectation here
 * was an alert (or its absence) of the reference on the same mails (file.data rules over a capture
 * of these sessions), see docs/engine.md.
 */
class SmtpSessionTest {
    private final SmtpSession s = new SmtpSession();

    private void client(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        s.onData(true, b, 0, b.length);
    }

    private void server(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        s.onData(false, b, 0, b.length);
    }

    private void mail(String body) {
        client("MAIL FROM:<a@example.com>\r\n");
        server("250 OK\r\n");
        client("RCPT TO:<b@example.net>\r\n");
        server("250 OK\r\n");
        client("DATA\r\n");
        server("354 go ahead\r\n");
        client(body + ".\r\n");
        server("250 queued\r\n");
    }

    private void hello() {
        server("220 mx ESMTP\r\n");
        client("EHLO client.example\r\n");
        server("250-mx\r\n250 8BITMIME\r\n");
    }

    private static String b64(String data) {
        return Base64.getMimeEncoder().encodeToString(data.getBytes(StandardCharsets.ISO_8859_1)) + "\r\n";
    }

    private static String multipart(String... parts) {
        StringBuilder m = new StringBuilder("From: a@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"BOUND\"\r\n\r\nThis is MIME.\r\n");
        for (String p : parts) {
            m.append("--BOUND\r\n").append(p);
        }
        return m.append("--BOUND--\r\n").toString();
    }

    private static final String ATTACHMENT = "Content-Type: application/octet-stream; name=\"x.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"x.bin\"\r\n\r\n";

    private List<String> files(int tx) {
        List<String> out = new ArrayList<>();
        SmtpTx t = s.transactions().get(tx);
        Slice sl = new Slice();
        for (SmtpFile f : t.files) {
            assertTrue(f.closed, "the file ended with its part");
            f.uninspected(sl);
            out.add(f.name + "=" + new String(sl.array, sl.offset, sl.length, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void aBase64AttachmentIsAFileOfItsDecodedBytes() {
        hello();
        mail(multipart("Content-Type: text/plain\r\n\r\nhello in text\r\n", ATTACHMENT + b64("ustar start")));
        assertEquals(List.of("x.bin=ustar start"), files(0), "the text part is no file");
        SmtpTx t = s.transactions().get(0);
        assertTrue(t.done);
        assertEquals("<a@example.com>", t.mailFrom);
        assertEquals(List.of("<b@example.net>"), t.rcptTo);
    }

    @Test
    void onlyPartsWithAFileNameAreFiles() {
        hello();
        mail(multipart("Content-Type: application/x-tar; name=\"y.tar\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64("by name"),
                "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment\r\n\r\n" + b64("no name"),
                "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment;\r\n\tfilename=\"folded.bin\"\r\n\r\n" + b64("folded")));
        assertEquals(List.of("y.tar=by name", "folded.bin=folded"), files(0));
    }

    @Test
    void aSinglePartMailWithANameIsAFile() {
        hello();
        mail("From: a@example.com\r\nContent-Type: application/octet-stream; name=\"z.rar\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64("Rar!\u001a\u0007 data"));
        mail("From: a@example.com\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64("no name"));
        assertEquals(List.of("z.rar=Rar!\u001a\u0007 data"), files(0));
        assertEquals(List.of(), files(1));
        assertEquals(2, s.transactions().size(), "a mail a transaction");
    }

    @Test
    void unencodedPartsKeepTheirLineEndsButTheLastAndNoDotIsRemoved() {
        hello();
        mail(multipart("Content-Type: text/plain; name=\"s.txt\"\r\n\r\nline one\r\n..dotted\r\nlast\r\n"));
        assertEquals(List.of("s.txt=line one\r\n..dotted\r\nlast"), files(0));
    }

    @Test
    void quotedPrintableJoinsSoftBreaksAndEndsEachLineWithCrlf() {
        hello();
        mail(multipart("Content-Type: text/plain; name=\"q.txt\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "caf=E9 =3D long=\r\nline=zz\r\nsecond\r\n"));
        // =zz is no escape: the '=' goes, "zz" stays
        assertEquals(List.of("q.txt=caf\u00e9 = longlinezz\r\nsecond\r\n"), files(0));
    }

    @Test
    void nestedMultipartsAndLenientBase64() {
        hello();
        String inner = "Content-Type: multipart/alternative; boundary=\"INNER\"\r\n\r\n--INNER\r\n"
                + "Content-Type: text/plain\r\n\r\nplain\r\n--INNER\r\nContent-Type: application/pdf; name=\"n.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + b64("%PDF inner") + "--INNER--\r\n";
        String spaced = Base64.getEncoder().encodeToString("spaced data".getBytes(StandardCharsets.ISO_8859_1));
        mail(multipart(inner, ATTACHMENT + spaced.substring(0, 5) + " \t" + spaced.substring(5, 9) + "\r\n"
                + spaced.substring(9) + "\r\n"));
        assertEquals(List.of("n.pdf=%PDF inner", "x.bin=spaced data"), files(0));
    }

    @Test
    void bodyLinesCutAtSegmentEndsDecodeTheSame() {
        hello();
        client("MAIL FROM:<a@example.com>\r\n");
        server("250 OK\r\n");
        client("DATA\r\n");
        server("354 go ahead\r\n");
        String body = multipart(ATTACHMENT + b64("x".repeat(300) + "END"),
                "Content-Type: text/plain; name=\"r.txt\"\r\n\r\nraw line one\r\nraw line two\r\n") + ".\r\n";
        for (int i = 0; i < body.length(); i += 37) {
            client(body.substring(i, Math.min(body.length(), i + 37)));
        }
        assertEquals(List.of("x.bin=" + "x".repeat(300) + "END", "r.txt=raw line one\r\nraw line two"), files(0));
    }

    @Test
    void transactionsEndWithDataRsetOrStarttlsAndQuitOpensNone() {
        hello();
        mail(multipart("Content-Type: text/plain\r\n\r\nfirst\r\n"));
        client("RSET\r\n");
        server("250 OK\r\n");
        assertEquals(1, s.transactions().size(), "RSET after a done mail starts no transaction");
        client("MAIL FROM:<c@example.com>\r\n");
        server("250 OK\r\n");
        client("RSET\r\n");
        server("250 OK\r\n");
        assertTrue(s.transactions().get(1).done, "an accepted RSET ends the transaction");
        client("MAIL FROM:<d@example.com>\r\n");
        server("250 OK\r\n");
        client("STARTTLS\r\n");
        server("220 go\r\n");
        assertTrue(s.transactions().get(2).done);
        assertEquals(dev.rampart.engine.applayer.AppProto.TLS, s.protocolChangeRequest(), "the flow becomes TLS");
        client("\u0016\u0003\u0001 tls bytes\r\nQUIT\r\n");
        assertEquals(3, s.transactions().size(), "after STARTTLS the client's bytes are not commands");
    }

    @Test
    void dataWaitsForThe354UnlessTheServerPipelines() {
        server("220 mx\r\n");
        client("EHLO c\r\n");
        server("250 mx\r\n");
        client("MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n");
        client("Subject: not yet\r\n"); // before the 354: a command line, not body
        server("250 OK\r\n250 OK\r\n354 go\r\n");
        client(multipart("Content-Type: text/plain; name=\"p.txt\"\r\n\r\npayload\r\n") + ".\r\n");
        assertEquals(List.of("p.txt=payload"), files(0));

        SmtpSession p = new SmtpSession();
        byte[] ehlo = "220 mx\r\n250-mx\r\n250-PIPELINING\r\n250 OK\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] first = "EHLO c\r\n".getBytes(StandardCharsets.ISO_8859_1);
        p.onData(false, ehlo, 0, 8);
        p.onData(true, first, 0, first.length);
        p.onData(false, ehlo, 8, ehlo.length - 8);
        byte[] pipelined = ("MAIL FROM:<a@b>\r\nDATA\r\n" + multipart("Content-Type: text/plain; name=\"q.txt\"\r\n\r\nfast\r\n")
                + ".\r\n").getBytes(StandardCharsets.ISO_8859_1);
        p.onData(true, pipelined, 0, pipelined.length);
        Slice sl = new Slice();
        p.transactions().get(0).files.get(0).uninspected(sl);
        assertEquals("fast", new String(sl.array, sl.offset, sl.length, StandardCharsets.ISO_8859_1),
                "a pipelining server: the body follows DATA at once");
    }

    @Test
    void aLargeOpenFileIsInspectedFromTheMinimumSizeOnThenFromWhereItStopped() {
        hello();
        client("MAIL FROM:<a@b>\r\n");
        server("250 OK\r\n");
        client("DATA\r\n");
        server("354 go\r\n");
        String head = multipart(ATTACHMENT + b64("y".repeat(40_000)));
        String cut = head.substring(0, head.indexOf("--BOUND--"));
        client(cut.substring(0, cut.length() / 2));
        SmtpTx t = s.transactions().get(0);
        Slice sl = new Slice();
        SmtpFile f = t.files.get(0);
        boolean early = f.size >= SmtpFile.INSPECT_MIN_SIZE;
        assertEquals(early, s.fileData(t, 0, sl), "inspected once it holds the minimum size");
        client(cut.substring(cut.length() / 2));
        assertTrue(s.fileData(t, 0, sl));
        assertEquals(f.size, sl.length, "nothing inspected yet: all of it");
        s.txInspected(t, true);
        assertFalse(s.fileData(t, 0, sl), "inspected, nothing new");
        client("--BOUND--\r\n.\r\n");
        assertTrue(f.closed);
        assertEquals(40_000, f.size);
    }

    /** The alert's members, as the reference logged them for the same mails (its alerts' smtp, email and files). */
    @Test
    void alertMembersAreSuricatasSmtpEmailAndFiles() throws Exception {
        hello();
        String inner = "Content-Type: multipart/alternative; boundary=\"INNER\"\r\n\r\n--INNER\r\n"
                + "Content-Type: application/pdf; name=\"n.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64("%PDF inner") + "--INNER--\r\n";
        mail("To: b@example.net, c@example.org\r\n" + multipart(inner, ATTACHMENT + b64("ustar start")).substring(0)
                .replace("From: a@example.com\r\n", "From: a@example.com \r\n"));
        StringBuilder out = new StringBuilder();
        assertTrue(s.appendEve(s.transactions().get(0), out));
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{" + out + "}");
        assertEquals("{\"helo\":\"client.example\",\"mail_from\":\"<a@example.com>\",\"rcpt_to\":[\"<b@example.net>\"]}",
                n.get("smtp").toString());
        // the nested multipart's file is no attachment of the mail's own multipart
        assertEquals("{\"status\":\"PARSE_DONE\",\"from\":\"a@example.com\",\"to\":[\"b@example.net\",\"c@example.org\"],"
                + "\"attachment\":[\"x.bin\"]}", n.get("email").toString());
        assertEquals("[{\"filename\":\"n.pdf\",\"gaps\":false,\"state\":\"CLOSED\",\"stored\":false,\"size\":10,\"tx_id\":0},"
                + "{\"filename\":\"x.bin\",\"gaps\":false,\"state\":\"CLOSED\",\"stored\":false,\"size\":11,\"tx_id\":0}]",
                n.get("files").toString());
    }

    @Test
    void whatCannotBeKeptIsCounted() {
        hello();
        // a line is cut when an input holds 4096 bytes of it and no line end (Suricata's SMTPGetLine)
        client("NOOP " + "x".repeat(SmtpSession.LINE_LIMIT + 10));
        client("yyy\r\n");
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < SmtpTx.MAX_FILES + 3; i++) {
            parts.append("--BOUND\r\nContent-Type: text/plain; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        mail("Content-Type: multipart/mixed; boundary=\"BOUND\"\r\n\r\n" + parts + "--BOUND--\r\n");
        assertEquals(1, s.counters().truncatedLines(), "the long command");
        assertEquals(3, s.counters().filesDropped(), "attachments past the limit");
        assertEquals(SmtpTx.MAX_FILES, s.transactions().get(0).files.size());
    }
}
