package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules for protocols that are detected but not parsed (smtp, ftp): they apply to the packets and
 * stream of flows of that protocol only. Expectations from suricata 7.0.10 on the same sessions:
 * the stream's content alerts come with each side's FIN (no parser trigger, sessions under the
 * chunk size), and app-layer-protocol on the server's packets fails when the server's own
 * detection failed (an SMTP banner matches no pattern: app_proto_tc "failed").
 */
class StreamOnlyProtocolTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Trace session(int port, boolean serverFirst, String... lines) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        TcpSession s = new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, port, 1000, 5000).handshake();
        boolean server = serverFirst;
        for (String l : lines) {
            if (server) {
                s.serverSends(b(l));
            } else {
                s.clientSends(b(l));
            }
            server = !server;
        }
        s.close();
        return t;
    }

    @Test
    void smtpRulesSeeSmtpFlowsOnly() {
        String[] smtp = {"220 mx.example.com ESMTP Postfix\r\n", "EHLO client.example\r\n", "250 PIPELINING\r\n",
            "MAIL FROM:<a@example.com>\r\n", "250 Ok\r\n", "QUIT\r\n", "221 2.0.0 Bye\r\n"};
        String[] ftp = {"220 ProFTPD Server ready.\r\n", "USER anonymous\r\n", "331 Password required\r\n",
            "MAIL FROM:<a@example.com>\r\n", "221 2.0.0 Bye\r\n"};
        String[] rules = {
            "alert smtp any any -> any any (flow:to_server; content:\"MAIL FROM\"; sid:1;)",
            "alert smtp any any -> any any (flow:to_client; content:\"220 \"; sid:2;)",
            "alert tcp any any -> any any (app-layer-protocol:smtp; flow:to_client; content:\"Bye\"; sid:3;)",
            "alert tcp any any -> any any (app-layer-protocol:smtp; flow:to_server; content:\"QUIT\"; sid:4;)",
            "alert ftp any any -> any any (flow:to_server; content:\"MAIL FROM\"; sid:5;)",
            "alert ftp any any -> any any (flow:to_server; content:\"USER\"; sid:6;)",
            "alert tcp any any -> any any (app-layer-protocol:ftp; flow:to_client; content:\"Bye\"; sid:7;)"};

        DetectHarness h = new DetectHarness(rules);
        h.run(session(25, true, smtp));
        assertEquals(List.of(1L, 2L, 4L), h.sids().stream().sorted().toList());
        // 3 handshake packets, 7 segments and their ACKs, then client FIN (18), server FIN (19), last ACK
        for (DetectHarness.Alert a : h.alerts) {
            assertEquals(a.toServer() ? 18 : 19, a.pcapCnt(), a.toString());
        }

        DetectHarness f = new DetectHarness(rules);
        f.run(session(21, true, ftp));
        assertEquals(List.of(5L, 6L), f.sids().stream().sorted().toList());
    }

    @Test
    void vsftpdBannerDecidesBothDirections() {
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (app-layer-protocol:ftp; flow:to_client; content:\"vsFTPd\"; sid:1;)",
                "alert ftp any any -> any any (flow:to_server; content:\"SYST\"; sid:2;)");
        h.run(session(2121, true, "220 (vsFTPd 3.0.3)\r\n", "SYST\r\n", "215 UNIX\r\n"));
        assertEquals(List.of(1L, 2L), h.sids().stream().sorted().toList());
    }
}
