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
        // banner, USER and PORT are all done by the client's acknowledgement of the two replies
        assertEquals(List.of("2@9#0", "2@9#1", "2@9#2"),
                run(session("USER a\r\nPORT 1,2,3,4,5,6\r\n", reply("331 p\r\n200 ok\r\n"))));
    }

    @Test
    void aPortWithoutItsReplyIsNotTested() {
        // the banner is (its test comes with the next client data, before that line was parsed); the
        // PORT transaction is done only after XYZ reset the last command
        assertEquals(List.of("2@8#0"), run(session("PORT 1,2,3,4,5,6\r\n", "XYZ\r\n", reply("200 ok\r\n"))));
        // the second PORT is done by QUIT's reply, with QUIT the last command
        assertEquals(List.of("2@9#0", "2@9#1"), run(session("PORT 1,2,3,4,5,6\r\n", reply("200 ok\r\n"), "NOOP\r\n",
                reply("200 ok\r\n"), "PORT 1,2,3,4,5,6\r\n")));
    }

    @Test
    void aLaterPortToAnotherHostAlertsItsOwnTransaction() {
        assertEquals(List.of("2@13#2"), run(session("PORT 10,0,0,1,4,1\r\n", reply("200 ok\r\n"), "PORT 9,9,9,9,4,1\r\n",
                reply("200 ok\r\n"))));
    }
}
