package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.flow.FlowConfig;
import dev.rampart.engine.flow.FlowTable;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.stream.StreamConfig;
import dev.rampart.engine.stream.StreamConsumer;
import dev.rampart.engine.stream.TcpTracker;
import dev.rampart.engine.testutil.TestPackets;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When raw stream matches alert (which packet, or the flow-end pseudo packet) in IDS and inline
 * mode, and how data gaps split the stream into separately inspected blocks. Expectations were
 * checked against Suricata 7.0.10 (suricata-verify tcp-rst-unacked-stream-0x, eve-payload-05).
 */
class StreamInspectionTimingTest {
    static final long CLIENT = TestPackets.ip(1, 1, 1, 1);
    static final long SERVER = TestPackets.ip(2, 2, 2, 2);
    static final int A = Packet.TCP_ACK;
    static final int PA = Packet.TCP_ACK | Packet.TCP_PSH;

    /** "sid@pcap_cnt" per alert, pcap_cnt 0 for pseudo packets. */
    final List<String> alerts = new ArrayList<>();
    final Packet packet = new Packet();
    final ByteBuffer buf = ByteBuffer.allocate(70_000);
    DetectStage detect;
    TcpTracker tcp;
    FlowTable flows;
    long now = 1_000_000_000L;
    long index;

    void setUp(boolean inline, String... rules) throws Exception {
        RuleParser parser = new RuleParser();
        List<Rule> parsed = new ArrayList<>();
        for (String r : rules) {
            parsed.add(parser.parse(r));
        }
        DetectionPlan plan = DetectionPlan.build(parsed, parser.env());
        assertEquals(0, plan.skipped().size(), () -> "skipped: " + plan.skipped());
        detect = new DetectStage(plan, (AlertEvent e, CompiledRule r) ->
                alerts.add(r.sid() + "@" + (e.pktSrc == AlertEvent.PktSrc.FLOW_TIMEOUT ? 0 : e.pcapCnt)));
        detect.setStreamInline(inline);
        tcp = new TcpTracker(new StreamConfig(), StreamConsumer.DISCARD, detect.rawConsumer());
        flows = new FlowTable(FlowConfig.withMaxFlows(16), (f, reason) -> {
            tcp.onFlowEnd(f, reason);
            detect.onFlowEnd(f);
        });
        flows.setReuseCheck(tcp);
    }

    void send(boolean fromClient, int flags, long seq, long ack, String payload) {
        byte[] data = payload == null ? null : payload.getBytes(StandardCharsets.ISO_8859_1);
        now += 1_000_000;
        if (fromClient) {
            TestPackets.tcp(packet, buf, CLIENT, 12345, SERVER, 8080, flags, seq, ack, 65535, data, now);
        } else {
            TestPackets.tcp(packet, buf, SERVER, 8080, CLIENT, 12345, flags, seq, ack, 65535, data, now);
        }
        packet.index = ++index;
        Flow f = flows.handle(packet);
        if (f != null) {
            tcp.handle(f, packet);
        }
        detect.inspect(packet);
    }

    void handshake() {
        send(true, Packet.TCP_SYN, 1, 0, null);
        send(false, Packet.TCP_SYN | A, 1000, 2, null);
        send(true, A, 2, 1001, null);
    }

    /** The tcp-rst-unacked-stream-03/04 capture: server data with a hole, then a client RST. */
    void gapThenRst() {
        handshake();
        send(false, PA, 1001, 2, "Please ");   // 4
        send(false, PA, 1012, 2, "Me ");       // 5: "Let " (1008..1012) never seen
        send(false, PA, 1015, 2, "In!");       // 6
        send(true, Packet.TCP_RST | A, 2, 1008, "Access Denied"); // 7
        flows.flush(now);
    }

    @Test
    void idsInspectsUnackedDataAfterAGapAtFlowEnd() throws Exception {
        setUp(false, "alert tcp any any -> any any (content:\"Me In\"; sid:1;)");
        gapThenRst();
        assertEquals(List.of("1@0"), alerts);
    }

    @Test
    void inlineInspectsTheContiguousBlockAroundEachDataPacket() throws Exception {
        setUp(true, "alert tcp any any -> any any (content:\"Me In\"; sid:1;)");
        gapThenRst();
        assertEquals(List.of("1@6"), alerts);
    }

    @Test
    void gapSplitsTheStreamIntoBlocksInspectedSeparately() throws Exception {
        setUp(false,
                "alert tcp-stream any any -> any any (content:\"Please\"; sid:1;)",
                "alert tcp-stream any any -> any any (content:\"In!\"; sid:2;)",
                "alert tcp-stream any any -> any any (content:\"Please Me\"; sid:3;)",
                "alert tcp-stream any any -> any any (content:\"Please Let\"; sid:4;)");
        gapThenRst();
        // sid 3 would match if the blocks were glued together over the hole
        assertEquals(List.of("1@0", "2@0"), alerts);
    }

    @Test
    void inlineChunkIsCutAroundThePacket() throws Exception {
        // chunk 30: a 5-byte packet in the middle of 80 contiguous bytes gets 12 bytes each side
        setUp(true,
                "alert tcp any any -> any any (content:\"bbbbbbbbbbbbXXXXXcccccccccccc\"; sid:1;)",
                "alert tcp any any -> any any (content:\"bbbbbbbbbbbbbXXXXX\"; sid:2;)",
                "alert tcp any any -> any any (content:\"XXXXXccccccccccccc\"; sid:3;)");
        detect.setChunkSizes(30, 30);
        handshake();
        String before = "a".repeat(25) + "b".repeat(15);
        String after = "c".repeat(15) + "d".repeat(20);
        send(true, PA, 2, 1001, before);                  // 4
        send(true, PA, 2 + 40 + 5, 1001, after);          // 5: out of order, after the hole
        send(true, PA, 2 + 40, 1001, "XXXXX");            // 6: fills the hole
        assertEquals(List.of("1@6"), alerts);
    }

    @Test
    void pseudoPacketOnlyMatchesStreamRules() throws Exception {
        setUp(false,
                "alert tcp any any -> any 8080 (sid:1;)",
                "alert tcp any any -> any any (content:\"Please\"; sid:2;)");
        handshake();
        send(true, PA, 2, 1001, "Please");   // 4: never acknowledged
        flows.flush(now);
        // the header-only rule matches each client packet, never the flow-end pseudo packet
        assertEquals(List.of("1@1", "1@3", "1@4", "2@0"), alerts);
    }

    @Test
    void flagsRulesInspectThePacketNotTheStream() throws Exception {
        // Suricata's flags keyword sets SIG_FLAG_REQUIRE_PACKET (tcp-fastopen-08 sid 11)
        setUp(false, "alert tcp any any -> any any (flags:PA; content:\"abc\"; sid:1;)");
        handshake();
        send(true, PA, 2, 1001, "xxabc");     // 4: matched on the packet, stream not yet acknowledged
        send(false, A, 1001, 7, null);        // 5
        assertEquals(List.of("1@4"), alerts);
    }

    @Test
    void theHandshakesLastAckIsNotEstablished() throws Exception {
        // Suricata 7.0.10 on the bug-7199 capture: flow:established is decided before the stream
        // engine sees the packet, so the ACK that completes the handshake does not match
        setUp(false, "alert tcp any any -> any any (flow:to_server,established; sid:1;)",
                "alert tcp any any -> any any (flow:to_server,not_established; sid:2;)");
        handshake();
        send(true, PA, 2, 1001, "x");   // 4
        assertEquals(List.of("2@1", "2@3", "1@4"), alerts);
    }

    @Test
    void aProtocolRuleWithoutKeywordsIsIpOnly() throws Exception {
        // Suricata's SignatureIsIPOnly ignores the header protocol: once per flow direction
        setUp(false, "alert tcp any any -> any any (sid:1;)", "alert udp any any -> any any (sid:2;)");
        handshake();
        send(true, PA, 2, 1001, "x");   // 4
        assertEquals(List.of("1@1", "1@2"), alerts);
    }
}
