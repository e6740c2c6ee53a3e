package dev.rampart.engine.detect;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static dev.rampart.engine.decode.Frames.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An HTTP/1 flow that upgrades to HTTP/2 ({@code 101} with {@code Upgrade: h2c}), picked up
 * midstream from the server's 101 (suricata-verify drop-protocol-change, checked with Suricata
 * 7.0.10): protocol detection sees an HTTP response going "to the server" and turns the flow
 * around; the parser's protocol change makes detection inspect two detect/log flush pseudo
 * packets with the old protocol before the packet that acknowledged the 101, so a
 * {@code drop http} rule alerts once, there, without a pcap_cnt; later packets see http2 with
 * http as the original protocol.
 */
class ProtocolChangeDetectTest {
    private static final int SERVER = 0x8BA27B86; // 139.162.123.134
    private static final int CLIENT = 0x0A090002; // 10.9.0.2
    private static final long S_SEQ = 1000;
    private static final long C_SEQ = 7000;

    private record Seen(long sid, long pcapCnt, AlertEvent.PktSrc pktSrc, String appProto, String appProtoOrig,
            String appProtoExpected, boolean toServer, long pktsToServer, long pktsToClient, long timestampNanos) {
    }

    private final List<Seen> alerts = new ArrayList<>();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] seg(boolean fromServer, long seq, long ack, byte[] data) {
        int src = fromServer ? SERVER : CLIENT;
        int dst = fromServer ? CLIENT : SERVER;
        int sp = fromServer ? 80 : 58038;
        int dp = fromServer ? 58038 : 80;
        return eth(0x0800, ip4(6, new byte[0], 1, 0, src, dst, tcp(sp, dp, seq, ack, 0x18, new byte[0], data)));
    }

    /** The server's 101 (first packet seen), then the client's preface and a later client segment. */
    private static byte[][] upgrade(String upgradeValue, String laterClientData) {
        byte[] settings = bytes(0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100); // an HTTP/2 SETTINGS frame
        byte[] response = cat(ascii("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: "
                + upgradeValue + "\r\n\r\n"), settings);
        byte[] preface = ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        long serverNext = S_SEQ + response.length;
        return new byte[][] {
            seg(true, S_SEQ, C_SEQ, response),
            seg(false, C_SEQ, serverNext, preface),
            seg(false, C_SEQ + preface.length, serverNext, ascii(laterClientData)),
        };
    }

    private void run(String rule, byte[]... frames) throws Exception {
        Rule r = new RuleParser(RuleEnvironment.suricataDefaults()).parse(rule);
        DetectionPlan plan = DetectionPlan.build(List.of(r), RuleEnvironment.suricataDefaults());
        DetectStage stage = new DetectStage(plan, (e, cr) -> alerts.add(new Seen(e.rule.sid(), e.pcapCnt, e.pktSrc,
                e.appProto, e.appProtoOrig, e.appProtoExpected, e.toServer, e.pktsToServer, e.pktsToClient,
                e.timestampNanos)));
        PacketPath.Config config = new PacketPath.Config();
        config.stream.midstream = true;
        PacketPath path = PacketPath.withDetection(config, stage);
        long i = 0;
        for (byte[] d : frames) {
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    1_000_000_000L * (i + 1), ++i, 0));
        }
        path.finish();
    }

    @Test
    void h2cUpgradeFlushesDetectionWithTheOldProtocolBeforeTheAcknowledgingPacket() throws Exception {
        run("drop http any any -> any any (msg:\"drop http\"; sid:1;)", upgrade("h2c", "later"));
        assertEquals(1, alerts.size(), alerts.toString());
        Seen a = alerts.get(0);
        assertEquals(0, a.pcapCnt(), "a pseudo packet has no pcap_cnt");
        assertEquals(AlertEvent.PktSrc.STREAM_DETECT_LOG_FLUSH, a.pktSrc());
        assertEquals(2_000_000_000L, a.timestampNanos(), "made while the client's packet acknowledging the 101 is handled");
        assertEquals("http", a.appProto());
        assertEquals("http2", a.appProtoExpected());
        assertNull(a.appProtoOrig(), "equal to app_proto while the change is pending: not logged");
        // in IDS mode the first pseudo packet goes the other way than the acknowledging packet
        assertFalse(a.toServer());
        // the flow was turned around: the server's 101 counts to the client
        assertEquals(1, a.pktsToClient());
        assertEquals(1, a.pktsToServer());
    }

    @Test
    void afterTheChangeTheFlowIsHttp2WithHttpAsItsOriginalProtocol() throws Exception {
        run("alert tcp any any -> any any (msg:\"later\"; flow:to_server; content:\"later\"; sid:2;)",
                upgrade("h2c", "later"));
        assertEquals(1, alerts.size(), alerts.toString());
        Seen a = alerts.get(0);
        assertEquals("http2", a.appProto());
        assertEquals("http", a.appProtoOrig());
        assertNull(a.appProtoExpected());
        assertTrue(a.toServer(), "the client's bytes go to the server once the flow is turned around");
    }

    @Test
    void anotherUpgradeChangesNothingAndTheRuleAlertsOnThePacketItself() throws Exception {
        // libhtp tunnels any 101; only h2c (and websocket, as Suricata 8: WebSocketDetectTest) asks for a
        // protocol change
        run("drop http any any -> any any (msg:\"drop http\"; sid:1;)", upgrade("TLS/1.2", "later"));
        assertEquals(1, alerts.size(), alerts.toString());
        Seen a = alerts.get(0);
        assertEquals(2, a.pcapCnt());
        assertEquals(AlertEvent.PktSrc.WIRE_PCAP, a.pktSrc());
        assertEquals("http", a.appProto());
        assertNull(a.appProtoExpected());
        assertTrue(a.toServer());
    }

    @Test
    void aFlowPickedUpFromItsClientIsNotTurnedAround() throws Exception {
        // the same exchange seen from the client's request first: no reversal, no pseudo packets
        byte[] request = ascii("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n");
        byte[] response = ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        run("alert http any any -> any any (msg:\"http to server\"; flow:to_server; sid:3;)",
                seg(false, C_SEQ, S_SEQ, request),
                seg(true, S_SEQ, C_SEQ + request.length, response),
                seg(false, C_SEQ + request.length, S_SEQ + response.length, new byte[0]));
        assertFalse(alerts.isEmpty());
        for (Seen a : alerts) {
            assertTrue(a.toServer(), a.toString());
            assertEquals(AlertEvent.PktSrc.WIRE_PCAP, a.pktSrc());
            assertNull(a.appProtoExpected());
        }
    }
}
