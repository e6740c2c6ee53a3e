package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Tls;
import dev.rampart.capture.synth.Trace;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suricata 7's default TLS encryption handling: the packet after the one during which the parser saw
 * an application data record carries no payload for detection (content, negated content and dsize
 * above 0 stop matching; header rules, {@code dsize:<N} and tls.* buffers go on), and raw stream
 * bytes not yet inspected are dropped; {@code encryption-handling: full} inspects everything.
 * Expected alerts (sid, pcap_cnt) as suricata 7.0.10 gave them on the same packets.
 */
class TlsEncryptedPayloadTest {
    private static final String[] RULES = {
        "alert tcp any any -> any any (flow:to_server; content:\"SECRETCLI\"; sid:1;)",
        "alert tls any any -> any any (flow:to_client; content:\"SECRET2\"; sid:2;)",
        "alert tls any any -> any any (tls.sni; content:\"www.example.com\"; sid:3;)",
        "alert tcp any any -> any any (flow:to_server,established; dsize:>10; sid:4;)",
        "alert tcp any any -> any any (flow:to_client,established; tcp.flags:A+; sid:5;)",
        "alert tcp any any -> any any (flow:to_client; content:\"SECRETSRV\"; sid:6;)",
        "alert tcp any any -> any any (flow:to_server,established; content:!\"nothere\"; sid:7;)",
        "alert tcp any any -> any any (flow:to_server,established; dsize:<5; sid:8;)"};

    private static byte[] record(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(3);
        out.write(3);
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** ClientHello; ServerHello + application data; client data; server data (each acknowledged); close. */
    private static Trace session() {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        hello.writeBytes(new byte[] {3, 3});
        for (int i = 0; i < 32; i++) {
            hello.write(i);
        }
        hello.writeBytes(new byte[] {0, 0x13, 0x01, 0, 0, 0});
        byte[] sh = hello.toByteArray();
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(new byte[] {2, 0, 0, (byte) sh.length});
        msg.writeBytes(sh);
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.writeBytes(record(22, msg.toByteArray()));
        flight.writeBytes(record(23, ascii("SECRETSRV-one-" + "x".repeat(20))));
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40000, DetectHarness.SERVER, 443, 1000, 5000).handshake()
                .clientSends(Tls.clientHello("www.example.com", 7))
                .serverSends(flight.toByteArray())
                .clientSends(record(23, ascii("SECRETCLI-" + "y".repeat(30))))
                .serverSends(record(23, ascii("SECRET2-" + "z".repeat(30))))
                .close();
        return t;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> alerts(DetectHarness h) {
        return h.alerts.stream().map(a -> a.sid() + "@" + a.pcapCnt()).toList();
    }

    @Test
    void payloadIsNotInspectedOnceApplicationDataFlows() {
        DetectHarness h = new DetectHarness(RULES);
        h.run(session());
        assertEquals(List.of("4@4", "5@5", "5@6", "3@7", "7@7", "8@7", "5@9", "5@10", "8@11", "8@12", "5@13", "8@14"),
                alerts(h));
    }

    @Test
    void encryptionHandlingFullInspectsEverything() {
        DetectHarness h = new DetectHarness(RULES);
        h.config.tlsInspectEncrypted = true;
        h.run(session());
        assertEquals(List.of("4@4", "5@5", "5@6", "3@7", "7@7", "8@7", "4@8", "5@9", "6@9", "5@10", "1@11", "7@11",
                "8@11", "8@12", "2@13", "5@13", "8@14"), alerts(h));
    }
}
