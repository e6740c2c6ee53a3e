package dev.rampart.engine.pipeline;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.decode.Packet;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Map;

import static dev.rampart.engine.decode.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flow accounting of the packet path for tunnelled and invalid packets, as Suricata 7.0.10 counts
 * them (checked with the oracle's flow records on suricata-verify's vxlan-decoder-02,
 * decode-teredo-01, bug-6402-01, bug-4571-04 and issue-3341-tcphdr-01).
 */
class PacketPathTest {
    private final PacketPath path = new PacketPath(new PacketPath.Config(), null, null);
    private long nanos = 1_000_000_000L;
    private long index;

    private void send(byte[] frame) {
        nanos += 1_000_000L;
        path.onFrame(new Frame().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, LinkType.ETHERNET,
                nanos, ++index, 0));
    }

    private long stat(String name) {
        path.finish();
        Map<String, Object> root = path.stats(null);
        Object v = StatsTree.get(root, name);
        return v == null ? 0 : (Long) v;
    }

    private static final int A = 0xC0A80001;
    private static final int B = 0xC0A80002;
    private static final byte[] INNER_UDP = ip4(17, udp(5353, 53, fill(4, 'q')));
    private static final byte[] VXLAN = bytes(0x08, 0, 0, 0, 0, 0, 0x25, 0);

    @Test
    void udpTunnelHasAnOuterUdpFlowAndAnInnerFlow() {
        byte[] outer = udp(40000, 4789, cat(VXLAN, eth(0x0800, INNER_UDP)));
        send(eth(0x0800, ip4(17, new byte[0], 1, 0, A, B, outer)));
        send(eth(0x0800, ip4(17, new byte[0], 2, 0, A, B, outer)));
        assertEquals(2, stat("flow.total"));
        assertEquals(2, stat("flow.udp"));
    }

    @Test
    void teredoOuterUdpFlowPlusInnerIcmpv6Flow() {
        byte[] inner = ip6(58, bytes(128, 0, 0, 0, 0, 1, 0, 1));
        send(eth(0x0800, ip4(17, new byte[0], 1, 0, A, B, udp(3544, 50000, inner))));
        assertEquals(2, stat("flow.total"));
        assertEquals(1, stat("flow.udp"));
        assertEquals(1, stat("flow.icmpv6"));
    }

    @Test
    void unknownVxlanPayloadIsInvalidButKeepsItsUdpFlow() {
        send(eth(0x0800, ip4(17, new byte[0], 1, 0, A, B, udp(40000, 4789, cat(VXLAN, eth(0x88B5, fill(30, 'x')))))));
        assertEquals(1, stat("decoder.invalid"));
        assertEquals(1, stat("flow.total"));
        assertEquals(1, stat("flow.udp"));
    }

    @Test
    void greOuterPacketHasNoFlow() {
        send(eth(0x0800, ip4(47, new byte[0], 1, 0, A, B, cat(bytes(0, 0, 0x08, 0x00), INNER_UDP))));
        assertEquals(1, stat("flow.total"));
        assertEquals(1, stat("flow.udp"));
    }

    @Test
    void ipv6InIpv4OuterPacketHasAProtocol41Flow() {
        byte[] syn = tcp(80, 80, 1, 0, Packet.TCP_SYN, new byte[0], new byte[0]);
        send(eth(0x0800, ip4(41, new byte[0], 1, 0, A, B, ip6(6, syn))));
        assertEquals(2, stat("flow.total"));
        assertEquals(1, stat("flow.tcp"));
    }

    @Test
    void tcpPacketWithABadOptionLengthIsInvalidYetHasItsFlowAndSession() {
        // Suricata sets the packet up for its flow once the TCP header is decoded; the bad option
        // length (TCP-AO with length 1) only marks it invalid
        byte[] syn = tcp(31337, 443, 0, 0, Packet.TCP_SYN, bytes(29, 1, 0, 0), new byte[0]);
        send(eth(0x0800, ip4(6, new byte[0], 1, 0, A, B, syn)));
        assertEquals(1, stat("decoder.invalid"));
        assertEquals(1, stat("decoder.event.tcp.opt_invalid_len"));
        assertEquals(1, stat("flow.total"));
        assertEquals(1, stat("tcp.sessions"));
        assertEquals(1, stat("tcp.syn"));
    }

    @Test
    void tcpHeaderTooShortHasNoFlow() {
        send(eth(0x0800, ip4(6, new byte[0], 1, 0, A, B, fill(12, 'x'))));
        assertEquals(1, stat("decoder.invalid"));
        assertEquals(0, stat("flow.total"));
    }
}
