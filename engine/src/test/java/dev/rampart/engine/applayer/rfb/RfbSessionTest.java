package dev.rampart.engine.applayer.rfb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppProtoDetector;
import dev.rampart.engine.applayer.Slice;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfbSessionTest {
    private final RfbCounters counters = new RfbCounters();
    private final RfbSession s = new RfbSession(counters);

    private void send(boolean toServer, byte[] b) {
        s.onData(toServer, b, 0, b.length);
        s.onChunkEnd(toServer);
    }

    private void server(String hex) {
        send(false, hex(hex));
    }

    private void client(String hex) {
        send(true, hex(hex));
    }

    private static byte[] hex(String h) {
        h = h.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private RfbTx tx() {
        return (RfbTx) s.tx(0);
    }

    private String eve() {
        StringBuilder b = new StringBuilder();
        s.appendEve(tx(), b);
        return b.toString();
    }

    private static final String CHALLENGE = "547b7a6f36a154db03a2575c6f2a4ec5";
    /** ServerInit 1280x800, 32 bpp, name "aneagles@localhost.localdomain". */
    private static final String SERVER_INIT = "05000320 2018000100ff00ff00ff 100800 000000 0000001e"
            + "616e6561676c6573406c6f63616c686f73742e6c6f63616c646f6d61696e";

    @Test
    void vncAuthenticationHandshake() {
        send(false, ascii("RFB 003.008\n"));
        assertEquals(1, s.txCount(), "the server's version opens the transaction");
        send(true, ascii("RFB 003.008\n"));
        server("01 02");
        client("02");
        server(CHALLENGE);
        client(CHALLENGE);
        server("00000000");
        assertFalse(tx().complete());
        client("00");
        server(SERVER_INIT);
        assertTrue(tx().complete());
        assertEquals(2, tx().securityType());
        assertEquals(0, tx().securityResult());
        Slice name = new Slice();
        assertTrue(tx().name(name));
        assertEquals("aneagles@localhost.localdomain", new String(name.array, name.offset, name.length, StandardCharsets.ISO_8859_1));
        assertEquals("\"rfb\":{\"server_protocol_version\":{\"major\":\"003\",\"minor\":\"008\"},"
                + "\"client_protocol_version\":{\"major\":\"003\",\"minor\":\"008\"},"
                + "\"authentication\":{\"security_type\":2,\"vnc\":{\"challenge\":\"" + CHALLENGE + "\",\"response\":\""
                + CHALLENGE + "\"},\"security_result\":\"OK\"},\"screen_shared\":false,"
                + "\"framebuffer\":{\"width\":1280,\"height\":800,\"name\":\"aneagles@localhost.localdomain\","
                + "\"pixel_format\":{\"bits_per_pixel\":32,\"depth\":24,\"big_endian\":false,\"true_color\":true,"
                + "\"red_max\":255,\"green_max\":255,\"blue_max\":255,\"red_shift\":16,\"green_shift\":8,\"blue_shift\":0}}}",
                eve());
        // what follows the handshake is passed over
        server("00 00 00 01 ffff");
        assertEquals(1, s.txCount());
        assertEquals(0, s.parseErrors());
    }

    @Test
    void version33ServerDecidesInOneSegmentWithTheChallenge() {
        send(false, ascii("RFB 003.003\n"));
        send(true, ascii("RFB 003.003\n"));
        server("00000002" + CHALLENGE);
        assertEquals(2, tx().securityType());
        client(CHALLENGE);
        server("00000000");
        client("01");
        server(SERVER_INIT);
        assertTrue(tx().complete());
        assertTrue(eve().contains("\"screen_shared\":true"), eve());
    }

    @Test
    void messagesSplitAnywhereWaitForTheRest() {
        byte[] version = ascii("RFB 003.007\n");
        s.onData(false, version, 0, 5);
        s.onChunkEnd(false);
        assertEquals(0, s.txCount());
        s.onData(false, version, 5, 7);
        s.onChunkEnd(false);
        assertEquals(1, s.txCount());
        send(true, version);
        server("01 01");
        client("01");
        client("00");
        byte[] init = hex(SERVER_INIT);
        for (int i = 0; i < init.length; i += 7) {
            assertFalse(tx().complete());
            s.onData(false, init, i, Math.min(7, init.length - i));
            s.onChunkEnd(false);
        }
        assertTrue(tx().complete());
        assertEquals(1, tx().securityType());
        assertEquals(-1, tx().securityResult(), "no SecurityResult with None before 3.8");
    }

    @Test
    void failureKeepsTheReasonButNeverCompletes() {
        send(false, ascii("RFB 003.008\n"));
        send(true, ascii("RFB 003.008\n"));
        server("01 02");
        client("02");
        server(CHALLENGE);
        client(CHALLENGE);
        server("00000001");
        server("0000000c" + "626164207061737377 6f7264" + "6a756e6b");
        assertFalse(tx().complete());
        assertEquals(-1, tx().securityResult(), "Suricata 7 keeps only an OK result");
        assertTrue(eve().contains("\"server_security_failure_reason\":\"bad password\""), eve());
        server("00000005 616761696e");
        assertTrue(eve().contains("\"server_security_failure_reason\":\"again\""), "a later chunk is read as another reason");
    }

    @Test
    void unimplementedTypes() {
        send(false, ascii("RFB 003.008\n"));
        send(true, ascii("RFB 003.008\n"));
        server("02 10 02");
        client("10");
        assertTrue(tx().hasEvent(RfbEvent.UNIMPLEMENTED_SECURITY_TYPE));
        assertEquals(16, tx().securityType());
        assertFalse(tx().complete(), "the client's choice leaves the transaction open, as in Suricata 7");

        RfbSession t = new RfbSession(counters);
        byte[] v = ascii("RFB 003.003\n");
        t.onData(false, v, 0, v.length);
        t.onChunkEnd(false);
        t.onData(true, v, 0, v.length);
        t.onChunkEnd(true);
        byte[] type = hex("00000012");
        t.onData(false, type, 0, 4);
        t.onChunkEnd(false);
        RfbTx x = (RfbTx) t.tx(0);
        assertTrue(x.hasEvent(RfbEvent.UNIMPLEMENTED_SECURITY_TYPE));
        assertTrue(x.complete(), "a 3.3 server's unknown type completes it");
        assertEquals(-1, x.securityType(), "and is not kept");
    }

    @Test
    void eventsForOddMessages() {
        send(false, ascii("RFB 003.008\n"));
        send(true, ascii("RFB 003.008\n"));
        server("01 02");
        client("02");
        server(CHALLENGE);
        client(CHALLENGE);
        server("00000007");
        assertTrue(tx().hasEvent(RfbEvent.UNKNOWN_SECURITY_RESULT));
        assertTrue(tx().complete());

        RfbSession m = new RfbSession(counters);
        byte[] v = ascii("RFB 003.008\n");
        m.onData(false, v, 0, v.length);
        m.onChunkEnd(false);
        m.onData(true, v, 0, v.length);
        m.onChunkEnd(true);
        byte[] bad = hex("00 00000002 fffe");
        m.onData(false, bad, 0, bad.length);
        m.onChunkEnd(false);
        assertTrue(((RfbTx) m.tx(0)).hasEvent(RfbEvent.MALFORMED_MESSAGE), "a reason that is no UTF-8");

        RfbSession c = new RfbSession(counters);
        c.onData(false, v, 0, v.length);
        c.onChunkEnd(false);
        byte[] early = hex("01");
        c.onData(false, early, 0, 1);
        c.onChunkEnd(false);
        assertTrue(((RfbTx) c.tx(0)).hasEvent(RfbEvent.CONFUSED_STATE), "the server again before the client's version");
        assertEquals(0, c.parseErrors());
    }

    @Test
    void clientFirstOpensNothingAndAGarbledVersionIsAParserError() {
        send(true, ascii("RFB 003.008\n"));
        send(false, ascii("RFB 003.008\n"));
        assertEquals(0, s.txCount());
        assertEquals(0, s.parseErrors());

        RfbSession g = new RfbSession(counters);
        byte[] v = ascii("RFB 003,008\n");
        g.onData(false, v, 0, 7);
        g.onChunkEnd(false);
        assertEquals(0, g.parseErrors(), "what is here still agrees");
        g.onData(false, v, 7, 5);
        g.onChunkEnd(false);
        assertEquals(1, g.parseErrors());
        byte[] lower = ascii("rfb 003.008\n");
        RfbSession l = new RfbSession(counters);
        l.onData(false, lower, 0, lower.length);
        l.onChunkEnd(false);
        assertEquals(1, l.parseErrors(), "the parser's literal is exact, unlike detection's pattern");
    }

    @Test
    void oversizedNameStopsParsingAndIsCounted() {
        send(false, ascii("RFB 003.003\n"));
        send(true, ascii("RFB 003.003\n"));
        server("00000001");
        client("00");
        server("05000320 2018000100ff00ff00ff 100800 000000 7fffffff");
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 20; i++) {
            send(false, chunk);
        }
        assertFalse(tx().complete());
        Map<String, Object> stats = new HashMap<>();
        counters.writeStats(stats);
        Object v = stats;
        for (String k : "app_layer.rampart.rfb.oversized".split("\\.")) {
            v = ((Map<?, ?>) v).get(k);
        }
        assertEquals(1L, v);
    }

    @Test
    void gapEndsParsing() {
        send(false, ascii("RFB 003.008\n"));
        s.onGap(true, 10);
        send(true, ascii("RFB 003.008\n"));
        assertNull(tx().clientMajor);
    }

    @Test
    void detectedByItsVersionLineEitherWayOnAnyPort() {
        byte[] v = ascii("RFB 003.008\n");
        assertEquals(AppProto.RFB, AppProtoDetector.detect(6, false, v, 0, v.length, 5900, 40000));
        assertEquals(AppProto.RFB, AppProtoDetector.detect(6, true, v, 0, v.length, 40000, 7000));
        byte[] lower = ascii("rfb 003.008\n");
        assertEquals(AppProto.RFB, AppProtoDetector.detect(6, false, lower, 0, lower.length, 443, 40000));
        assertEquals(AppProto.UNKNOWN, AppProtoDetector.detect(6, false, v, 0, 3, 5900, 40000));
    }
}
