package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.testutil.Http2Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An HTTP CONNECT answered with 2xx: the tunnel's protocol is detected again from its next bytes
 * (Suricata's protocol change to "unknown", with the CONNECT target's port for the probes), so
 * TLS through a proxy gets its tls.* rules and HTTP/2 its HTTP rules; app_proto becomes the
 * tunnel's, http the original. Before, the tunnel's bytes were only the HTTP flow's raw stream:
 * ET's tls.sni rules missed every HTTPS site reached through an explicit proxy. Expected alerts
 * are suricata 7.0.10's on the same capture (-Drampart.connectpcap=FILE writes it).
 */
class ConnectTunnelDetectTest {
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] clientHello(String sni) {
        byte[] n = ascii(sni);
        ByteBuffer ext = ByteBuffer.allocate(9 + n.length);
        ext.putShort((short) 0).putShort((short) (n.length + 5)).putShort((short) (n.length + 3)).put((byte) 0)
                .putShort((short) n.length).put(n);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        for (int i = 0; i < 32; i++) {
            body.write(0x11);
        }
        body.writeBytes(new byte[] {0, 0, 2, 0, 0x2f, 1, 0});
        body.write(ext.capacity() >> 8);
        body.write(ext.capacity());
        body.writeBytes(ext.array());
        return record(1, body.toByteArray(), 1);
    }

    static byte[] serverHello() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(3);
        for (int i = 0; i < 32; i++) {
            body.write(0x22);
        }
        body.writeBytes(new byte[] {0, 0, 0x2f, 0});
        return record(2, body.toByteArray(), 3);
    }

    private static byte[] record(int type, byte[] body, int minor) {
        int hl = body.length + 4;
        ByteBuffer b = ByteBuffer.allocate(5 + hl);
        b.put((byte) 0x16).put((byte) 3).put((byte) minor).putShort((short) hl);
        b.put((byte) type).put((byte) (body.length >> 16)).put((byte) (body.length >> 8)).put((byte) body.length).put(body);
        return b.array();
    }

    static Trace capture() throws Exception {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40001, DetectHarness.SERVER, 3128, 1000, 5000).handshake()
                .clientSends(ascii("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n"))
                .serverSends(ascii("HTTP/1.1 200 Connection established\r\n\r\n"))
                .clientSends(clientHello("evil.example"))
                .serverSends(serverHello()).close();
        ByteArrayOutputStream h2 = new ByteArrayOutputStream();
        h2.writeBytes(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        h2.writeBytes(Http2Wire.frame(4, 0, 0, new byte[0]));
        h2.writeBytes(Http2Wire.frame(1, 5, 1, Http2Wire.block(Http2Wire.LITERAL, ":method", "GET", ":path", "/h2x", ":authority", "h")));
        ByteArrayOutputStream h2s = new ByteArrayOutputStream();
        h2s.writeBytes(Http2Wire.frame(4, 0, 0, new byte[0]));
        h2s.writeBytes(Http2Wire.frame(1, 5, 1, Http2Wire.block(Http2Wire.LITERAL, ":status", "200")));
        new TcpSession(t, DetectHarness.CLIENT, 40002, DetectHarness.SERVER, 3128, 1000, 5000).handshake()
                .clientSends(ascii("CONNECT h2.example:80 HTTP/1.1\r\nHost: h2.example:80\r\n\r\n"))
                .serverSends(ascii("HTTP/1.1 200 OK\r\n\r\n"))
                .clientSends(h2.toByteArray())
                .serverSends(h2s.toByteArray()).close();
        Http2Wire.writeIfAsked(t, "rampart.connectpcap");
        return t;
    }

    /**
     * A 200 with a body is read as an ordinary response (libhtp opens the tunnel only for a 2xx
     * without Content-Length or Transfer-Encoding): no change, the TLS bytes stay HTTP's and tls.sni
     * does not alert; the CONNECT alerts on a packet, not on flush pseudo packets. suricata 7.0.10:
     * the same (-Drampart.connectbodypcap=FILE writes the capture).
     */
    @Test
    void aConnectAnsweredWithABodyOpensNoTunnel() throws Exception {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, DetectHarness.CLIENT, 40003, DetectHarness.SERVER, 3128, 1000, 5000).handshake()
                .clientSends(ascii("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n"))
                .serverSends(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
                .clientSends(clientHello("evil.example"))
                .serverSends(serverHello()).close();
        Http2Wire.writeIfAsked(t, "rampart.connectbodypcap");
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(EXPECTED_WITH_BODY, h.sortedTxAlerts(t));
    }

    /**
     * Which 2xx answers open the tunnel (suricata 7.0.10 on the same four sessions: the first three
     * do, tls.sni alerts in them; a Content-Length of 5 does not).
     */
    @Test
    void onlyAContentLengthAnnouncingABodyKeepsTheTunnelClosed() throws Exception {
        String[] responses = {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde"};
        boolean[] tunnel = {true, true, true, false};
        for (int i = 0; i < responses.length; i++) {
            Trace t = new Trace(1_700_000_000_000_000L, 1000);
            new TcpSession(t, DetectHarness.CLIENT, 42001 + i, DetectHarness.SERVER, 3128, 1000, 5000).handshake()
                    .clientSends(ascii("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n"))
                    .serverSends(ascii(responses[i])).clientSends(clientHello("evil.example"))
                    .serverSends(serverHello()).close();
            DetectHarness h = new DetectHarness(RULES[0]);
            h.run(t);
            assertEquals(tunnel[i], h.sids().contains(1L), responses[i]);
        }
    }

    static final List<String> EXPECTED_WITH_BODY = List.of("3@7#0", "6@9#0");

    static final String[] RULES = {
        "alert tls any any -> any any (tls.sni; content:\"evil.example\"; sid:1;)",
        "alert tls any any -> any any (flow:to_server; sid:2;)",
        "alert http any any -> any any (http.method; content:\"CONNECT\"; sid:3;)",
        "alert tcp any any -> any any (app-layer-protocol:tls; flow:to_server; sid:4;)",
        "alert http2 any any -> any any (http.uri; content:\"/h2x\"; sid:5;)",
        "alert http any any -> any any (http.stat_code; content:\"200\"; sid:6;)",
    };

    @Test
    void theTunnelsProtocolIsDetectedAgain() throws Exception {
        DetectHarness h = new DetectHarness(RULES);
        assertEquals(EXPECTED, h.sortedTxAlerts(capture()));
    }

    /**
     * suricata 7.0.10 (pcap_cnt 0: the detect/log flush pseudo packets of the protocol change, where
     * the CONNECT request and its 200 are inspected): the same 11 alerts.
     */
    static final List<String> EXPECTED = List.of(
            "1@11#0", "2@11", "2@12", "2@14", "3@0#0", "3@0#0", "4@11", "5@25#0", "6@0#0", "6@0#0", "6@27#0");
}
