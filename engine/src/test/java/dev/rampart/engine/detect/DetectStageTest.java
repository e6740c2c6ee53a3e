package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule evaluation through the whole packet path: headers, payload, ordering, pass, flowbits, IP-only. */
class DetectStageTest {
    private static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Trace udpTrace(String... payloads) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        int id = 1;
        for (String p : payloads) {
            t.udp(CLIENT, 40000, SERVER, 53, id++, b(p));
        }
        return t;
    }

    @Test
    void udpContentAlertsOncePerMatchingPacketWithItsPcapCount() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any 53 (msg:\"x\"; content:\"evil\"; sid:1;)",
                "alert udp any any -> any 54 (msg:\"wrong port\"; content:\"evil\"; sid:2;)");
        h.run(udpTrace("hello", "evil evil evil", "nothing", "more evil"));
        assertEquals(List.of(new DetectHarness.Alert(1, 2, true, true), new DetectHarness.Alert(1, 4, true, true)),
                h.alerts);
    }

    @Test
    void alertsOfOnePacketFollowPlanOrderNotLoadOrder() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"low\"; content:\"a\"; priority:3; sid:10;)",
                "alert udp any any -> any any (msg:\"high\"; content:\"a\"; priority:1; sid:11;)");
        h.run(udpTrace("a"));
        assertEquals(List.of(11L, 10L), h.sids());
    }

    @Test
    void payloadPassRulePassesItsPacketOnly() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"any\"; content:\"x\"; sid:1;)",
                "pass udp any any -> any any (msg:\"pass\"; content:\"p\"; sid:2;)");
        h.run(udpTrace("x", "xp", "x"));
        // the pass rule (ordered first) silences packet 2 only: Suricata 7.0.10 passes the flow only
        // for rules without payload or packet keywords
        assertEquals(List.of(new DetectHarness.Alert(1, 1, true, true), new DetectHarness.Alert(1, 3, true, true)),
                h.alerts);
    }

    @Test
    void headerOnlyPassRulePassesTheWholeFlow() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"any\"; content:\"x\"; sid:1;)",
                "pass udp any any -> any 53 (msg:\"pass dns\"; sid:2;)");
        h.run(udpTrace("x", "xp", "x"));
        assertEquals(List.of(), h.alerts);
    }

    @Test
    void flowbitSetterRunsBeforeReaderOnTheSamePacketWhateverTheLoadOrder() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"reader\"; content:\"k\"; flowbits:isset,seen; sid:2;)",
                "alert udp any any -> any any (msg:\"setter\"; content:\"k\"; flowbits:set,seen; flowbits:noalert; sid:1;)");
        h.run(udpTrace("k", "z"));
        assertEquals(List.of(new DetectHarness.Alert(2, 1, true, true)), h.alerts);
    }

    @Test
    void contentlessFlowbitReaderSeesABitSetEarlierOnTheSamePacket() {
        // the reader has no fast pattern: it is a candidate only while the flow has the bit, and a
        // bit set by a rule on the same packet makes it one (Suricata's post-rule-match prefilter)
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"reader\"; flowbits:isset,seen; sid:2;)",
                "alert udp any any -> any any (msg:\"setter\"; content:\"k\"; flowbits:set,seen; flowbits:noalert; sid:1;)");
        h.run(udpTrace("z", "k", "z"));
        assertEquals(List.of(new DetectHarness.Alert(2, 2, true, true), new DetectHarness.Alert(2, 3, true, true)),
                h.alerts);
    }

    @Test
    void flowbitsAreKeptPerFlow() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"set\"; content:\"login\"; flowbits:set,auth; flowbits:noalert; sid:1;)",
                "alert udp any any -> any any (msg:\"after login\"; content:\"cmd\"; flowbits:isset,auth; sid:2;)",
                "alert udp any any -> any any (msg:\"unset\"; content:\"logout\"; flowbits:unset,auth; flowbits:noalert; sid:3;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        t.udp(CLIENT, 40000, SERVER, 9999, 1, b("cmd"));     // 1: not yet
        t.udp(CLIENT, 40000, SERVER, 9999, 2, b("login"));   // 2
        t.udp(CLIENT, 40001, SERVER, 9999, 3, b("cmd"));     // 3: other flow
        t.udp(CLIENT, 40000, SERVER, 9999, 4, b("cmd"));     // 4: alert
        t.udp(CLIENT, 40000, SERVER, 9999, 5, b("logout"));  // 5
        t.udp(CLIENT, 40000, SERVER, 9999, 6, b("cmd"));     // 6: not any more
        h.run(t);
        assertEquals(List.of(new DetectHarness.Alert(2, 4, true, true)), h.alerts);
    }

    @Test
    void ipOnlyRuleRunsOnTheFirstPacketOfEachFlowDirection() {
        DetectHarness h = new DetectHarness(
                "alert ip 10.0.0.0/8 any -> any any (msg:\"from ten\"; sid:5;)",
                "alert ip any any <> 10.0.0.1 any (msg:\"either way\"; sid:6;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        t.udp(CLIENT, 40000, SERVER, 53, 1, b("q"));
        t.udp(CLIENT, 40000, SERVER, 53, 2, b("q"));
        t.udp(SERVER, 53, CLIENT, 40000, 3, b("r"));
        t.udp(SERVER, 53, CLIENT, 40000, 4, b("r"));
        h.run(t);
        assertEquals(List.of(new DetectHarness.Alert(5, 1, true, true), new DetectHarness.Alert(6, 1, true, true),
                new DetectHarness.Alert(6, 3, false, true)), h.alerts);
    }

    @Test
    void dataOnALoneSynIsInspectedOnTheSynItself() {
        // suricata-verify detect-bytejump-01: Suricata 7.0.10 alerts on the SYN (pcap_cnt 1)
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (msg:\"syn data\"; content:\"Question?\"; sid:1;)");
        byte[] syn = dev.rampart.engine.decode.Frames.eth(0x0800, dev.rampart.engine.decode.Frames.ip4(6,
                dev.rampart.engine.decode.Frames.tcp(20, 80, 0, 0, 0x02, new byte[0], b("Question?13 end"))));
        h.runFrames(syn);
        assertEquals(List.of(new DetectHarness.Alert(1, 1, true, true)), h.alerts);
    }

    @Test
    void fastOpenSynDataIsStreamDataInspectedWithWhatFollows() {
        // suricata-verify tcp-fastopen-08 (sid 7, 8): with a Fast Open option the SYN's data is
        // stream data; a content spanning it and the next segment matches (Suricata 7.0.10 alerts
        // when the stream is inspected, not on the SYN)
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (msg:\"tfo\"; content:\"/abcdef\"; sid:1;)");
        byte[] tfo = {34, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 1};
        byte[] none = new byte[0];
        byte[] one = b("GET /abc");
        byte[] two = b("def HTTP/1.1\r\n\r\n");
        long s2 = 1 + one.length;
        long end = s2 + two.length;
        h.runFrames(
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, 0, 0, 0x02, tfo, one)),
                server(dev.rampart.engine.decode.Frames.tcp(80, 20, 100, s2, 0x12, none, none)),
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, s2, 101, 0x18, none, two)),
                server(dev.rampart.engine.decode.Frames.tcp(80, 20, 101, end, 0x10, none, none)),
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, end, 101, 0x11, none, none)));
        assertEquals(List.of(new DetectHarness.Alert(1, 5, true, true)), h.alerts);
    }

    @Test
    void httpStreamBytesWaitForTheParsersTriggerBeforeInspection() {
        // Suricata's raw check limit (suricata-verify bug-130, tcp-fastopen-08): on an HTTP flow the
        // acknowledged request bytes are not inspected piece by piece but when the request is
        // complete (libhtp's request-complete callback triggers raw inspection), so a content
        // spanning two segments matches, on the next client packet
        DetectHarness h = new DetectHarness(
                "alert tcp any any -> any any (msg:\"span\"; content:\"Host: abc\"; sid:1;)");
        byte[] none = new byte[0];
        byte[] one = b("GET / HTTP/1.1\r\nHost: a");
        byte[] two = b("bc\r\n\r\n");
        long s2 = 1 + one.length;
        long end = s2 + two.length;
        h.runFrames(
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, 0, 0, 0x02, none, none)),
                server(dev.rampart.engine.decode.Frames.tcp(80, 20, 100, 1, 0x12, none, none)),
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, 1, 101, 0x10, none, none)),
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, 1, 101, 0x18, none, one)),
                server(dev.rampart.engine.decode.Frames.tcp(80, 20, 101, s2, 0x10, none, none)),
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, s2, 101, 0x18, none, two)),
                server(dev.rampart.engine.decode.Frames.tcp(80, 20, 101, end, 0x10, none, none)),
                client(dev.rampart.engine.decode.Frames.tcp(20, 80, end, 101, 0x10, none, none)));
        assertEquals(List.of(new DetectHarness.Alert(1, 8, true, true)), h.alerts);
    }

    private static byte[] client(byte[] tcp) {
        return dev.rampart.engine.decode.Frames.eth(0x0800, dev.rampart.engine.decode.Frames.ip4(6, tcp));
    }

    private static byte[] server(byte[] tcp) {
        return dev.rampart.engine.decode.Frames.eth(0x0800,
                dev.rampart.engine.decode.Frames.ip4(6, new byte[0], 1, 0, 0x0A000002, 0x0A000001, tcp));
    }

    @Test
    void tcpPktRuleSeesSegmentsOneByOne() {
        DetectHarness h = new DetectHarness(
                "alert tcp-pkt any any -> any 80 (msg:\"split\"; content:\"GET /secret\"; sid:9;)",
                "alert tcp-pkt any any -> any 80 (msg:\"half\"; content:\"ret HTTP\"; sid:10;)");
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends(b("GET /sec")).clientSends(b("ret HTTP/1.0\r\n\r\n")).close();
        h.run(t);
        assertEquals(List.of(10L), h.sids());
        assertEquals(6, h.alerts.get(0).pcapCnt()); // SYN, SYN/ACK, ACK, data, ACK, data
    }

    @Test
    void ruleWithAnUnimplementedKeywordIsReportedNotLoaded() {
        DetectHarness h = new DetectHarness(
                "alert udp any any -> any any (msg:\"lua\"; content:\"x\"; lua:script.lua; sid:1;)",
                "alert udp any any -> any any (msg:\"ok\"; content:\"x\"; sid:2;)");
        assertEquals(1, h.plan.ruleCount());
        assertEquals(1, h.plan.skipped().size());
        assertEquals(1, h.plan.skipped().get(0).rule().sid());
        assertTrue(h.plan.skipped().get(0).reason().contains("lua"), h.plan.skipped().get(0).reason());
    }

    @Test
    void headerAddressesAndNegatedPortsFilterPackets() {
        DetectHarness h = new DetectHarness(
                "alert udp 10.0.0.0/24 any -> !192.0.2.10 any (msg:\"not to server\"; content:\"q\"; sid:1;)",
                "alert udp any any -> any !53 (msg:\"not dns\"; content:\"q\"; sid:2;)",
                "alert udp any any -> 192.0.2.0/24 [53,5353] (msg:\"dns\"; content:\"q\"; sid:3;)");
        h.run(udpTrace("q"));
        assertEquals(List.of(3L), h.sids());
    }
}
