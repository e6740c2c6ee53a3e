package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.flow.ExceptionPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIP over UDP end to end, and what app-layer.error-policy does to the packets whose datagram the
 * SIP parser rejects. The trace has the shape of suricata-verify's public-cloudshark-sip-s0.pcap:
 * a request sent toward the client and a response sent toward the server are parser errors.
 */
class SipDetectTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** 1 INVITE, 2 100 Trying, 3 REGISTER toward the client (error), 4 200 OK toward the server (error), 5 INVITE, 6 ACK. */
    private static Trace call() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        t.udp(CLIENT, 5060, SERVER, 5061, 1, b("INVITE sip:bob@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n"));
        t.udp(SERVER, 5061, CLIENT, 5060, 2, b("SIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n"));
        t.udp(SERVER, 5061, CLIENT, 5060, 3, b("REGISTER sip:example.com SIP/2.0\r\nCSeq: 2 REGISTER\r\n\r\n"));
        t.udp(CLIENT, 5060, SERVER, 5061, 4, b("SIP/2.0 200 OK\r\nCSeq: 2 REGISTER\r\n\r\n"));
        t.udp(CLIENT, 5060, SERVER, 5061, 5, b("INVITE sip:carol@example.com SIP/2.0\r\nCSeq: 3 INVITE\r\n\r\n"));
        t.udp(CLIENT, 5060, SERVER, 5061, 6, b("ACK sip:carol@example.com SIP/2.0\r\nCSeq: 3 ACK\r\n\r\n"));
        return t;
    }

    private static List<Long> packets(List<DetectHarness.Alert> alerts, long sid) {
        return alerts.stream().filter(a -> a.sid() == sid).map(DetectHarness.Alert::pcapCnt).toList();
    }

    private static DetectHarness harness(ExceptionPolicy policy) {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (flow:to_server; sid:2;)",
                "alert sip any any -> any any (flow:to_server; sip.method; content:\"INVITE\"; sid:3;)",
                "alert sip any any -> any any (sip.stat_code; content:\"100\"; sid:4;)",
                "alert sip any any -> any any (sip.uri; content:\"carol\"; sid:5;)",
                "alert sip any any -> any any (sip.protocol; content:\"SIP/2.0\"; sid:6;)",
                "alert sip any any -> any any (sip.request_line; content:\"ACK sip:\"; startswith; sid:7;)",
                "alert sip any any -> any any (sip.response_line; content:\"SIP/2.0 100 Trying\"; bsize:18; sid:8;)",
                "alert sip any any -> any any (sip.stat_msg; content:\"Trying\"; sid:9;)");
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        h.config.appLayerErrorPolicy = policy;
        return h;
    }

    @Test
    void stickyBuffersMatchTheirTransaction() {
        DetectHarness h = harness(ExceptionPolicy.IGNORE);
        List<DetectHarness.Alert> a = h.run(call());
        assertEquals(List.of(1L, 5L), packets(a, 3));
        assertEquals(List.of(2L), packets(a, 4));
        assertEquals(List.of(5L, 6L), packets(a, 5)); // the INVITE and the ACK name carol
        assertEquals(List.of(1L, 2L, 5L, 6L), packets(a, 6));
        assertEquals(List.of(6L), packets(a, 7));
        assertEquals(List.of(2L), packets(a, 8));
        assertEquals(List.of(2L), packets(a, 9));
    }

    @Test
    void headerBuffersMatchEitherDirection() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        t.udp(CLIENT, 5060, SERVER, 5061, 1, b("INVITE sip:bob@example.com SIP/2.0\r\nf: <sip:alice@example.com>\r\n"
                + "Via: SIP/2.0/UDP a.example\r\nContent-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n"));
        t.udp(SERVER, 5061, CLIENT, 5060, 2, b("SIP/2.0 180 Ringing\r\nFrom: <sip:alice@example.com>\r\n"
                + "To: <sip:bob@example.com>;tag=9\r\nUser-Agent: Phone\r\n\r\n"));
        DetectHarness h = new DetectHarness(
                "alert sip any any -> any any (sip.from; content:\"alice\"; sid:11;)",
                "alert sip any any -> any any (flow:to_client; sip.to; content:\"tag=9\"; endswith; sid:12;)",
                "alert sip any any -> any any (sip.via; content:\"SIP/2.0/UDP\"; startswith; sid:13;)",
                "alert sip any any -> any any (sip.user_agent; content:\"Phone\"; bsize:5; sid:14;)",
                "alert sip any any -> any any (sip.content_type; content:\"application/sdp\"; sid:15;)",
                "alert sip any any -> any any (sip.content_length; content:\"4\"; bsize:1; sid:16;)",
                "alert sip any any -> any any (flow:to_server; sip.to; content:\"bob\"; sid:17;)");
        assertTrue(h.plan.skipped().isEmpty(), () -> h.plan.skipped().toString());
        List<DetectHarness.Alert> a = h.run(t);
        assertEquals(List.of(1L, 2L), packets(a, 11), "the compact f and the long From");
        assertEquals(List.of(2L), packets(a, 12));
        assertEquals(List.of(1L), packets(a, 13));
        assertEquals(List.of(2L), packets(a, 14));
        assertEquals(List.of(1L), packets(a, 15));
        assertEquals(List.of(1L), packets(a, 16));
        assertEquals(List.of(), packets(a, 17), "the request has no To");
    }

    @Test
    void ignoreInspectsTheRejectedPackets() {
        assertEquals(List.of(1L, 4L, 5L, 6L), packets(harness(ExceptionPolicy.IGNORE).run(call()), 2));
    }

    @Test
    void dropPacketSkipsOnlyTheRejectedPackets() {
        // detect-udp-flow-rule-02: 3 alerts of the to-server rule instead of 4
        assertEquals(List.of(1L, 5L, 6L), packets(harness(ExceptionPolicy.DROP_PACKET).run(call()), 2));
        assertEquals(List.of(1L, 5L, 6L), packets(harness(ExceptionPolicy.PASS_PACKET).run(call()), 2));
    }

    @Test
    void flowPoliciesSkipTheRestOfTheFlow() {
        for (ExceptionPolicy p : new ExceptionPolicy[] {ExceptionPolicy.DROP_FLOW, ExceptionPolicy.REJECT,
                ExceptionPolicy.PASS_FLOW, ExceptionPolicy.BYPASS}) {
            List<DetectHarness.Alert> a = harness(p).run(call());
            assertEquals(List.of(1L), packets(a, 2), p.name());
            assertEquals(List.of(1L), packets(a, 3), p.name());
        }
    }

    @Test
    void sipDisabledOrDetectionOnlyParsesNothing() {
        // 7.0.10 with app-layer.protocols.sip.enabled=no and error-policy drop-packet: 4 alerts (no parser, no errors)
        DetectHarness off = harness(ExceptionPolicy.DROP_PACKET);
        off.config.sipEnabled = false;
        List<DetectHarness.Alert> a = off.run(call());
        assertEquals(List.of(1L, 4L, 5L, 6L), packets(a, 2));
        assertEquals(List.of(), packets(a, 3));
        // detection-only: the flow is SIP (app-layer-protocol), no transaction buffers
        DetectHarness detectOnly = new DetectHarness(
                "alert udp any any -> any any (app-layer-protocol:sip; flow:to_server; sid:1;)",
                "alert sip any any -> any any (flow:to_server; sip.method; content:\"INVITE\"; sid:3;)");
        detectOnly.config.sipParsed = false;
        detectOnly.config.appLayerErrorPolicy = ExceptionPolicy.DROP_PACKET;
        a = detectOnly.run(call());
        assertEquals(List.of(), packets(a, 3));
        assertTrue(packets(a, 1).contains(1L), a::toString);
    }
}
