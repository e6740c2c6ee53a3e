package dev.rampart.engine.detect;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

import static dev.rampart.engine.decode.Frames.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every layer of a tunnelled packet is inspected, as Suricata runs each tunnel pseudo packet and
 * its parent through detection (suricata-verify bug-6402-01: GRE inside Geneve): the outer UDP
 * layer with its own flow, the GRE layer without a flow (IP-only rules on each packet), the inner
 * TCP packet with its flow; outer layers by their headers only, never by their payload.
 */
class TunnelLayerDetectTest {
    private static final int OUTER_SRC = 0x0A000A4A; // 10.0.10.74
    private static final int OUTER_DST = 0x0A000840; // 10.0.8.64
    private static final int GRE_A = 0x0A000148; // 10.0.1.72
    private static final int GRE_B = 0x0A00021F; // 10.0.2.31
    private static final int CLIENT = 0x0A020001; // 10.2.0.1
    private static final int SERVER = 0x0A020002; // 10.2.0.2

    private record Seen(long sid, int proto, boolean hasFlow) {
    }

    private final List<Seen> alerts = new ArrayList<>();

    private static byte[] geneveGre(int greSrc, int greDst, byte[] innerIp) {
        byte[] gre = cat(bytes(0, 0, 0x08, 0x00), innerIp);
        byte[] geneve = cat(bytes(0, 0, 0x08, 0x00, 0, 0, 0, 0), ip4(47, new byte[0], 1, 0, greSrc, greDst, gre));
        return eth(0x0800, ip4(17, new byte[0], 2, 0, OUTER_SRC, OUTER_DST, udp(60276, 6081, geneve)));
    }

    private static byte[] tcpIp(int src, int dst, int sport, int dport, long seq, long ack, int flags, byte[] data) {
        return ip4(6, new byte[0], 3, 0, src, dst, tcp(sport, dport, seq, ack, flags, new byte[0], data));
    }

    private void run(String[] rules, byte[]... frames) throws Exception {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> list = new ArrayList<>();
        for (String r : rules) {
            list.add(parser.parse(r));
        }
        DetectionPlan plan = DetectionPlan.build(list, RuleEnvironment.suricataDefaults());
        DetectStage stage = new DetectStage(plan, (e, r) -> alerts.add(new Seen(e.rule.sid(), e.proto, e.hasFlow)));
        PacketPath path = PacketPath.withDetection(new PacketPath.Config(), stage);
        long i = 0;
        for (byte[] d : frames) {
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    1_700_000_000_000_000_000L + i * 1_000_000L, ++i, 0));
        }
        path.finish();
    }

    /** (sid, proto) -> alert count. */
    private Map<String, Integer> counts() throws Exception {
        Map<String, Integer> m = new TreeMap<>();
        for (Seen s : alerts) {
            m.merge(s.sid + "/" + s.proto, 1, Integer::sum);
        }
        return m;
    }

    private byte[][] handshakeThroughTunnel() throws Exception {
        return new byte[][] {
            geneveGre(GRE_A, GRE_B, tcpIp(CLIENT, SERVER, 39198, 1234, 100, 0, 0x02, new byte[0])),
            geneveGre(GRE_B, GRE_A, tcpIp(SERVER, CLIENT, 1234, 39198, 500, 101, 0x12, new byte[0])),
            geneveGre(GRE_A, GRE_B, tcpIp(CLIENT, SERVER, 39198, 1234, 101, 501, 0x10, new byte[0])),
        };
    }

    @Test
    void everyLayerIsInspectedFlowlessGreLayerOnEachPacket() throws Exception {
        run(new String[] {
            "alert ip any any -> any any (msg:\"all IP\"; sid:1;)",
            "alert ip any any -> any any (msg:\"GRE\"; ip_proto:47; sid:2;)",
            "alert tcp any any -> any any (msg:\"TCP\"; sid:3;)",
        }, handshakeThroughTunnel());
        // IP-only: once per flow direction for the inner TCP flow (2) and the outer UDP flow (1,
        // every outer packet goes the same way), on every packet of the flowless GRE layer (3)
        assertEquals(Map.of("1/17", 1, "1/47", 3, "1/6", 2, "2/47", 3, "3/6", 2), counts());
        for (Seen s : alerts) {
            assertEquals(s.proto != 47, s.hasFlow, "only the GRE layer has no flow: " + s);
        }
    }

    @Test
    void passingTheOuterUdpFlowLeavesTheInnerLayersInspected() throws Exception {
        run(new String[] {
            "pass udp any any -> any 6081 (sid:1;)",
            "alert udp any any -> any 6081 (msg:\"geneve\"; sid:2;)",
            "alert ip any any -> any any (msg:\"all IP\"; sid:5554;)",
        }, handshakeThroughTunnel());
        assertEquals(Map.of("5554/47", 3, "5554/6", 2), counts());
    }

    @Test
    void outerLayersAreNotInspectedByTheirPayload() throws Exception {
        // the GRE and UDP layers' payloads (the inner packets) hold zero bytes; the inner SYNs carry none
        run(new String[] {
            "alert ip any any -> any any (msg:\"zero byte\"; content:\"|00|\"; sid:1;)",
            "alert udp any any -> any any (msg:\"zero byte udp\"; content:\"|00|\"; sid:2;)",
        }, handshakeThroughTunnel());
        assertEquals(Map.of(), counts());
        // the same UDP datagram outside a tunnel port is plain UDP and is inspected by its payload
        byte[] plain = eth(0x0800, ip4(17, new byte[0], 2, 0, OUTER_SRC, OUTER_DST, udp(60276, 6000, bytes(0, 0, 1))));
        run(new String[] {"alert udp any any -> any any (content:\"|00|\"; sid:2;)"}, plain);
        assertEquals(Map.of("2/17", 1), counts());
    }

    @Test
    void decoderEventsMatchOnTheLayerThatRaisedThem() throws Exception {
        // 4 bytes of options in the GRE layer's IPv4 header: not padded to 8, an event of that layer
        byte[] inner = tcpIp(CLIENT, SERVER, 39198, 1234, 100, 0, 0x02, new byte[0]);
        byte[] gre = cat(bytes(0, 0, 0x08, 0x00), inner);
        byte[] geneve = cat(bytes(0, 0, 0x08, 0x00, 0, 0, 0, 0), ip4(47, bytes(1, 1, 1, 1), 1, 0, GRE_A, GRE_B, gre));
        byte[] frame = eth(0x0800, ip4(17, new byte[0], 2, 0, OUTER_SRC, OUTER_DST, udp(60276, 6081, geneve)));
        run(new String[] {"alert ip any any -> any any (msg:\"pad\"; decode-event:ipv4.opt_pad_required; sid:1;)"}, frame);
        assertEquals(Map.of("1/47", 1), counts(), "on the GRE layer only, not on the TCP packet inside it");
    }

    @Test
    void anInnerPacketThatFailsToDecodeTakesNoOuterEventsOrAddresses() throws Exception {
        // an inner IPv4 header whose IHL runs past the packet: Suricata drops that pseudo packet;
        // the GRE layer is still inspected, the failed inner one matches no IP rule
        byte[] inner = tcpIp(CLIENT, SERVER, 39198, 1234, 100, 0, 0x02, new byte[0]);
        inner[0] = 0x4F;
        run(new String[] {
            "alert ip any any -> any any (msg:\"all IP\"; sid:1;)",
            "alert ip any any -> any any (msg:\"hlen\"; decode-event:ipv4.hlen_too_small; sid:2;)",
        }, geneveGre(GRE_A, GRE_B, inner));
        assertEquals(Map.of("1/17", 1, "1/47", 1), counts());
    }
}
