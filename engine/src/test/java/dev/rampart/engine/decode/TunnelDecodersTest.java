package dev.rampart.engine.decode;

import dev.rampart.capture.LinkType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.rampart.engine.decode.Frames.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * VXLAN, Geneve, Teredo, PPPoE/PPP, MPLS and NSH on crafted frames: decoded fields, counters and
 * events as Suricata 7.0.10 gives them, and the outer UDP packet kept for its own flow.
 */
class TunnelDecodersTest {
    private final DecodeCounters counters = new DecodeCounters();
    private final PacketDecoder decoder = new PacketDecoder(counters, ChecksumMode.NONE, null);
    private final Packet p = new Packet();

    private static final int OUTER_SRC = 0xC0A80001;
    private static final int OUTER_DST = 0xC0A80002;

    private void decode(int linkType, byte[] data) {
        decoder.decode(frame(linkType, data), p);
    }

    private void decodeEth(byte[] data) {
        decode(LinkType.ETHERNET, data);
    }

    private static byte[] outerUdp(int sport, int dport, byte[] payload) {
        return eth(0x0800, ip4(17, new byte[0], 7, 0, OUTER_SRC, OUTER_DST, udp(sport, dport, payload)));
    }

    private static final byte[] INNER_UDP4 = ip4(17, udp(5353, 53, fill(4, 'q')));
    private static final byte[] INNER_ICMP4 = ip4(1, bytes(8, 0, 0, 0, 0, 1, 0, 1));

    private static byte[] vxlanHeader() {
        return bytes(0x08, 0, 0, 0, 0, 0, 0x25, 0); // I flag, VNI 37
    }

    private void assertOuterUdp(Packet o, int sport, int dport) {
        assertNotNull(o, "outer UDP packet kept for its flow");
        assertEquals(4, o.ipVersion);
        assertEquals(17, o.ipProto);
        assertEquals(OUTER_SRC, (int) o.srcLo);
        assertEquals(OUTER_DST, (int) o.dstLo);
        assertEquals(sport, o.srcPort);
        assertEquals(dport, o.dstPort);
        assertTrue(o.isUdp());
        assertEquals(0, o.tunnelDepth);
        assertNull(o.outer);
    }

    @Test
    void vxlanCarriesEthernetIpv4WithoutCountingInnerEthernet() {
        decodeEth(outerUdp(40000, 4789, cat(vxlanHeader(), eth(0x0800, INNER_UDP4))));
        assertFalse(p.invalid);
        assertEquals(1, p.tunnelDepth);
        assertEquals(0x0A000001L, p.srcLo);
        assertEquals(5353, p.srcPort);
        assertEquals(53, p.dstPort);
        assertOuterUdp(p.outer, 40000, 4789);
        assertEquals(1, counters.vxlan);
        assertEquals(2, counters.ipv4);
        assertEquals(2, counters.udp);
        assertEquals(1, counters.ethernet, "VXLAN skips the inner Ethernet header uncounted");

        // inner 802.1Q tag and ICMP
        decodeEth(outerUdp(4789, 40000, cat(vxlanHeader(), eth(0x8100, vlan(100, 0x0800, INNER_ICMP4)))));
        assertFalse(p.invalid);
        assertEquals(1, p.vlanCount);
        assertEquals(100, p.vlanIds[0]);
        assertEquals(1, p.ipProto);
        assertEquals(1, counters.icmpv4);
    }

    @Test
    void vxlanRejectsAndUnknownPayload() {
        // no I flag: plain UDP
        byte[] noI = vxlanHeader();
        noI[0] = 0;
        decodeEth(outerUdp(40000, 4789, cat(noI, eth(0x0800, INNER_UDP4))));
        assertEquals(0, counters.vxlan);
        assertEquals(0, p.tunnelDepth);
        assertEquals(4789, p.dstPort);
        assertNull(p.outer);
        // reserved byte set: plain UDP; shorter than header + Ethernet: plain UDP
        byte[] res = vxlanHeader();
        res[7] = 1;
        decodeEth(outerUdp(40000, 4789, cat(res, eth(0x0800, INNER_UDP4))));
        decodeEth(outerUdp(40000, 4789, cat(vxlanHeader(), fill(13, 'x'))));
        assertEquals(0, counters.vxlan);
        // not on the VXLAN port: plain UDP
        decodeEth(outerUdp(40000, 4790, cat(vxlanHeader(), eth(0x0800, INNER_UDP4))));
        assertEquals(0, counters.vxlan);
        // ARP inside: counted, stays the (valid) outer UDP packet
        decodeEth(outerUdp(40000, 4789, cat(vxlanHeader(), eth(0x0806, fill(28, 'a')))));
        assertEquals(1, counters.vxlan);
        assertFalse(p.invalid);
        assertEquals(0, p.tunnelDepth);
        assertNull(p.outer);
        // unknown EtherType: invalid event on the outer packet, which keeps its UDP header (and flow)
        decodeEth(outerUdp(40000, 4789, cat(vxlanHeader(), eth(0x88B5, fill(28, 'a')))));
        assertEquals(2, counters.vxlan);
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.VXLAN_UNKNOWN_PAYLOAD_TYPE));
        assertTrue(p.isUdp());
        assertEquals(4789, p.dstPort);
    }

    private static byte[] geneve(int optWords, int protocol, byte[] options, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + options.length + payload.length);
        b.put((byte) optWords).put((byte) 0).putShort((short) protocol).put(bytes(0, 0, 0x25, 0));
        return b.put(options).put(payload).array();
    }

    @Test
    void geneveWithOptionsCarriesIpv4AndEthernet() {
        byte[] opts = bytes(0x01, 0x08, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11, // class 0x0108, 1 word of data
                0x01, 0x08, 0x00, 0x01, 0x11, 0x11, 0x11, 0x11);
        decodeEth(outerUdp(12345, 6081, geneve(4, 0x0800, opts, INNER_UDP4)));
        assertFalse(p.invalid);
        assertEquals(1, p.tunnelDepth);
        assertEquals(53, p.dstPort);
        assertOuterUdp(p.outer, 12345, 6081);
        assertEquals(1, counters.geneve);

        decodeEth(outerUdp(12345, 6081, geneve(0, 0x6558, new byte[0], eth(0x0800, INNER_ICMP4))));
        assertEquals(2, counters.geneve);
        assertEquals(1, p.ipProto);
        assertEquals(3, counters.ethernet, "Geneve's inner Ethernet is decoded (and counted)");
    }

    @Test
    void geneveRejectsAndUnknownPayload() {
        byte[] opts = bytes(0x01, 0x08, 0x00, 0x02, 0x11, 0x11, 0x11, 0x11); // option claims 2 words, header 1
        decodeEth(outerUdp(12345, 6081, geneve(2, 0x0800, opts, INNER_UDP4)));
        assertEquals(0, counters.geneve, "option lengths must add up to the header's");
        byte[] g = geneve(0, 0x0800, new byte[0], INNER_UDP4);
        g[0] = (byte) 0x40; // version 1
        decodeEth(outerUdp(12345, 6081, g));
        assertEquals(0, counters.geneve);
        g = geneve(0, 0x0800, new byte[0], INNER_UDP4);
        g[1] = 0x01; // reserved flag bit
        decodeEth(outerUdp(12345, 6081, g));
        assertEquals(0, counters.geneve);
        assertEquals(0, p.tunnelDepth);

        decodeEth(outerUdp(12345, 6081, geneve(0, 0x1234, new byte[0], INNER_UDP4)));
        assertEquals(1, counters.geneve);
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.GENEVE_UNKNOWN_PAYLOAD_TYPE));
    }

    private static byte[] icmpv6Echo() {
        return bytes(128, 0, 0, 0, 0, 1, 0, 1);
    }

    @Test
    void teredoWithAndWithoutOriginIndication() {
        byte[] inner = ip6(58, icmpv6Echo());
        decodeEth(outerUdp(3544, 50000, inner));
        assertFalse(p.invalid);
        assertEquals(6, p.ipVersion);
        assertEquals(58, p.ipProto);
        assertEquals(1, p.tunnelDepth);
        assertOuterUdp(p.outer, 3544, 50000);
        assertEquals(1, counters.teredo);
        assertEquals(1, counters.icmpv6);

        byte[] origin = bytes(0, 0, 0xAB, 0xCD, 1, 2, 3, 4);
        decodeEth(outerUdp(50000, 3544, cat(origin, inner)));
        assertEquals(2, counters.teredo);
        assertEquals(58, p.ipProto);
    }

    @Test
    void teredoHeuristicsRejectNonTeredo() {
        byte[] inner = ip6(58, icmpv6Echo());
        // authentication indicator (00 01): negotiation, not a tunnel
        decodeEth(outerUdp(3544, 50000, cat(bytes(0, 1, 0, 0, 0, 0, 0, 0), inner)));
        // hop limit 0
        decodeEth(outerUdp(3544, 50000, ip6(58, 0, icmpv6Echo())));
        // hop-by-hop next header with less than 8 bytes of payload
        decodeEth(outerUdp(3544, 50000, ip6(0, bytes(58, 0, 1, 0))));
        // IPv6 payload length not matching the UDP payload (trailing byte)
        decodeEth(outerUdp(3544, 50000, cat(inner, bytes(0))));
        // not version 6
        byte[] v5 = inner.clone();
        v5[0] = 0x50;
        decodeEth(outerUdp(3544, 50000, v5));
        // Teredo-looking payload on another port
        decodeEth(outerUdp(3545, 50000, inner));
        assertEquals(0, counters.teredo);
        assertEquals(0, counters.ipv6);
        assertFalse(p.invalid);
        assertTrue(p.isUdp());
        assertNull(p.outer);
    }

    @Test
    void teredoWhoseInnerPacketIsInvalidStaysPlainUdp() {
        // version 6, lengths agree, but the hop-by-hop header's length runs past the packet
        byte[] bad = ip6(0, bytes(58, 5, 0, 0, 0, 0, 0, 0));
        decodeEth(outerUdp(3544, 50000, bad));
        assertEquals(0, counters.teredo);
        assertEquals(1, counters.ipv6, "the inner layer was decoded (and counted) before it was rejected");
        assertFalse(p.invalid, "Suricata drops the pseudo packet, the outer UDP packet is fine");
        assertEquals(0, p.eventCount);
        assertEquals(4, p.ipVersion);
        assertEquals(3544, p.srcPort);
        assertEquals(0, p.tunnelDepth);
        assertNull(p.outer);
    }

    private static byte[] pppoeSession(byte[] protoAndPayload) {
        ByteBuffer b = ByteBuffer.allocate(6 + protoAndPayload.length);
        b.put((byte) 0x11).put((byte) 0).putShort((short) 0x2D).putShort((short) protoAndPayload.length);
        return b.put(protoAndPayload).array();
    }

    @Test
    void pppoeSessionWithOneAndTwoByteProtocols() {
        decodeEth(eth(0x8864, pppoeSession(cat(bytes(0x00, 0x21), INNER_UDP4))));
        assertFalse(p.invalid);
        assertEquals(53, p.dstPort);
        assertEquals(0, p.tunnelDepth, "PPPoE is decoded in place, not a tunnel");
        decodeEth(eth(0x8864, pppoeSession(cat(bytes(0x21), INNER_UDP4))));
        assertFalse(p.invalid);
        assertEquals(53, p.dstPort);
        decodeEth(eth(0x8864, pppoeSession(cat(bytes(0x00, 0x57), ip6(58, icmpv6Echo())))));
        assertEquals(58, p.ipProto);
        assertEquals(3, counters.pppoe);
        assertEquals(0, counters.ppp, "PPPoE has its own PPP protocol switch");

        decodeEth(eth(0x8864, pppoeSession(bytes(0xC0, 0x21, 1, 1, 0, 4)))); // LCP
        assertFalse(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.PPP_UNSUP_PROTO));
        decodeEth(eth(0x8864, pppoeSession(bytes(0x12, 0x34, 1, 1, 0, 4))));
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.PPP_WRONG_TYPE));
        decodeEth(eth(0x8864, pppoeSession(cat(bytes(0x00, 0x21), fill(10, 'x')))));
        assertTrue(p.hasEvent(DecodeEvent.PPPIPV4_PKT_TOO_SMALL));
        decodeEth(eth(0x8864, bytes(0x11, 0, 0, 1, 0)));
        assertTrue(p.hasEvent(DecodeEvent.PPPOE_PKT_TOO_SMALL));
        assertTrue(p.invalid);
    }

    @Test
    void pppoeDiscovery() {
        // PADO from RFC 2516's example, AC-Name tag
        byte[] pado = bytes(0x11, 0x07, 0x00, 0x00, 0x00, 0x0C, 0x01, 0x02, 0x00, 0x08,
                'a', 'c', '-', 'n', 'a', 'm', 'e', '!');
        decodeEth(eth(0x8863, pado));
        assertFalse(p.invalid);
        assertEquals(0, p.eventCount);
        assertEquals(1, counters.pppoe);
        byte[] wrongCode = pado.clone();
        wrongCode[1] = (byte) 0xBB;
        decodeEth(eth(0x8863, wrongCode));
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.PPPOE_WRONG_CODE));
        byte[] longTags = pado.clone();
        longTags[5] = 0x40;
        decodeEth(eth(0x8863, longTags));
        assertTrue(p.hasEvent(DecodeEvent.PPPOE_MALFORMED_TAGS));
        decodeEth(eth(0x8863, bytes(0x11, 0x09, 0, 0)));
        assertTrue(p.hasEvent(DecodeEvent.PPPOE_PKT_TOO_SMALL));
        assertEquals(4, counters.pppoe);
    }

    @Test
    void pppLinkTypeAndGrePptp() {
        decode(LinkType.PPP, cat(bytes(0xFF, 0x03, 0x00, 0x21), INNER_UDP4));
        assertFalse(p.invalid);
        assertEquals(53, p.dstPort);
        decode(LinkType.PPP, cat(bytes(0x21), INNER_UDP4));
        assertEquals(53, p.dstPort);
        decode(LinkType.PPP, bytes(0xFF, 0x03, 0xC0, 0x21, 1, 1, 0, 4)); // LCP: valid, not inspected
        assertFalse(p.invalid);
        assertEquals(0, p.eventCount);
        decode(LinkType.PPP, bytes(0xFF, 0x03, 0x00, 0x2B, 1, 1, 0, 4)); // IPX
        assertTrue(p.hasEvent(DecodeEvent.PPP_UNSUP_PROTO));
        decode(LinkType.PPP, bytes(0xFF, 0x03, 0x00, 0xFF, 1, 1));
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.PPP_WRONG_TYPE));
        decode(LinkType.PPP, bytes(0xFF, 0x03, 0x00, 0x21, 0x45, 0xC0, 0x00));
        assertTrue(p.hasEvent(DecodeEvent.PPPIPV4_PKT_TOO_SMALL));
        decode(LinkType.PPP, bytes(0xFF, 0x03));
        assertTrue(p.hasEvent(DecodeEvent.PPP_PKT_TOO_SMALL));
        assertEquals(7, counters.ppp);

        // PPTP: GRE version 1 with key (payload length, call id) and sequence number
        byte[] pppFrame = cat(bytes(0xFF, 0x03, 0x00, 0x21), INNER_UDP4);
        byte[] gre = cat(bytes(0x30, 0x01, 0x88, 0x0B, pppFrame.length >>> 8, pppFrame.length, 0, 9, 0, 0, 0, 1), pppFrame);
        decodeEth(eth(0x0800, ip4(47, gre)));
        assertFalse(p.invalid);
        assertEquals(1, p.tunnelDepth);
        assertEquals(53, p.dstPort);
        assertEquals(8, counters.ppp);
        // PPTP acknowledgement without payload: no PPP
        decodeEth(eth(0x0800, ip4(47, bytes(0x30, 0x81, 0x88, 0x0B, 0, 0, 0, 9, 0, 0, 0, 2, 0, 0, 0, 1))));
        assertEquals(8, counters.ppp);
        assertEquals(47, p.ipProto);
    }

    private static byte[] mpls(int label, boolean bottom) {
        int shim = (label << 12) | (bottom ? 0x100 : 0) | 64;
        return ByteBuffer.allocate(4).putInt(shim).array();
    }

    @Test
    void mplsStackAndPayloadGuessing() {
        decodeEth(eth(0x8847, cat(mpls(1000, false), mpls(2000, true), INNER_UDP4)));
        assertFalse(p.invalid);
        assertEquals(4, p.ipVersion);
        assertEquals(53, p.dstPort);
        decodeEth(eth(0x8847, cat(mpls(2, true), ip6(58, icmpv6Echo()))));
        assertEquals(6, p.ipVersion);
        decodeEth(eth(0x8848, cat(mpls(0, true), INNER_ICMP4)));
        assertEquals(1, p.ipProto);
        // Ethernet pseudowire behind a control word
        decodeEth(eth(0x8847, cat(mpls(3000, true), bytes(0, 0, 0, 0), eth(0x0800, INNER_ICMP4))));
        assertFalse(p.invalid);
        assertEquals(1, p.ipProto);
        assertEquals(2, counters.ethernet - 3, "outer frames 4, pseudowire 1");
        assertEquals(4, counters.mpls);
    }

    @Test
    void mplsEvents() {
        decodeEth(eth(0x8847, cat(mpls(1, true), INNER_ICMP4)));
        assertTrue(p.hasEvent(DecodeEvent.MPLS_BAD_LABEL_ROUTER_ALERT));
        assertFalse(p.invalid);
        assertEquals(0, p.ipVersion);
        decodeEth(eth(0x8847, cat(mpls(3, true), INNER_ICMP4)));
        assertTrue(p.hasEvent(DecodeEvent.MPLS_BAD_LABEL_IMPLICIT_NULL));
        decodeEth(eth(0x8847, cat(mpls(5, true), INNER_ICMP4)));
        assertTrue(p.hasEvent(DecodeEvent.MPLS_BAD_LABEL_RESERVED));
        decodeEth(eth(0x8847, cat(mpls(21, true), bytes(0x15, 0, 0, 0x64))));
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.MPLS_UNKNOWN_PAYLOAD_TYPE));
        decodeEth(eth(0x8847, cat(mpls(21, true), bytes(0x45, 1, 2))));
        assertTrue(p.hasEvent(DecodeEvent.MPLS_PKT_TOO_SMALL));
        decodeEth(eth(0x8847, cat(mpls(21, false), bytes(0, 0, 0x11))));
        assertTrue(p.hasEvent(DecodeEvent.MPLS_HEADER_TOO_SMALL));
        assertTrue(p.invalid);
    }

    /** NSH MD type 2 without metadata (length 2 words) or type 1 (6 words). */
    private static byte[] nsh(int mdType, int lengthWords, int nextProtocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(lengthWords * 4 + payload.length);
        b.putShort((short) lengthWords).put((byte) mdType).put((byte) nextProtocol).putInt(0x00000102);
        b.position(lengthWords * 4);
        return b.put(payload).array();
    }

    @Test
    void nshMdType1And2() {
        decodeEth(eth(0x894F, nsh(2, 2, 1, INNER_UDP4)));
        assertFalse(p.invalid);
        assertEquals(53, p.dstPort);
        decodeEth(eth(0x894F, nsh(1, 6, 2, ip6(58, icmpv6Echo()))));
        assertFalse(p.invalid);
        assertEquals(58, p.ipProto);
        decodeEth(eth(0x894F, nsh(2, 2, 3, eth(0x0800, INNER_ICMP4))));
        assertEquals(1, p.ipProto);
        decodeEth(eth(0x894F, nsh(2, 2, 5, cat(mpls(0, true), INNER_ICMP4))));
        assertEquals(1, p.ipProto);
        assertEquals(1, counters.mpls);
        assertEquals(4, counters.nsh);
    }

    @Test
    void nshEvents() {
        decodeEth(eth(0x894F, bytes(0, 2, 2, 1, 0, 0, 1)));
        assertTrue(p.hasEvent(DecodeEvent.NSH_HEADER_TOO_SMALL));
        assertTrue(p.invalid);
        byte[] v1 = nsh(2, 2, 1, INNER_UDP4);
        v1[0] = 0x40;
        decodeEth(eth(0x894F, v1));
        assertTrue(p.hasEvent(DecodeEvent.NSH_UNSUPPORTED_VERSION));
        assertFalse(p.invalid);
        decodeEth(eth(0x894F, nsh(2, 2, 1, new byte[0])));
        assertTrue(p.hasEvent(DecodeEvent.NSH_BAD_HEADER_LENGTH), "nothing after the header");
        decodeEth(eth(0x894F, nsh(1, 2, 1, INNER_UDP4)));
        assertTrue(p.hasEvent(DecodeEvent.NSH_BAD_HEADER_LENGTH), "MD type 1 is 24 bytes");
        assertTrue(p.invalid);
        decodeEth(eth(0x894F, nsh(0, 2, 1, INNER_UDP4)));
        assertTrue(p.hasEvent(DecodeEvent.NSH_RESERVED_TYPE));
        decodeEth(eth(0x894F, nsh(3, 2, 1, INNER_UDP4)));
        assertTrue(p.hasEvent(DecodeEvent.NSH_UNSUPPORTED_TYPE));
        decodeEth(eth(0x894F, nsh(2, 2, 4, INNER_UDP4)));
        assertTrue(p.hasEvent(DecodeEvent.NSH_UNKNOWN_PAYLOAD), "NSH in NSH is not decoded");
        assertFalse(p.invalid);
    }

    @Test
    void ipv6InIpv4KeepsTheOuterPacketForItsFlow() {
        decodeEth(eth(0x0800, ip4(41, new byte[0], 1, 0, OUTER_SRC, OUTER_DST, ip6(58, icmpv6Echo()))));
        assertFalse(p.invalid);
        assertEquals(6, p.ipVersion);
        assertNotNull(p.outer);
        assertEquals(4, p.outer.ipVersion);
        assertEquals(41, p.outer.ipProto);
        assertEquals(OUTER_SRC, (int) p.outer.srcLo);
        assertTrue(p.outer.noPayloadInspection);
    }

    @Test
    void everyTunnelLayerIsKeptInnermostFirstForHeaderInspection() {
        // GRE inside Geneve (suricata-verify bug-6402-01): the inner packet, then the GRE layer,
        // then the outer UDP one; the flow stage gives the GRE layer no flow (protocol 47)
        byte[] gre = ip4(47, new byte[0], 1, 0, 0x0A000001, 0x0A000002, cat(bytes(0, 0, 0x08, 0x00), INNER_ICMP4));
        decodeEth(outerUdp(40000, 6081, cat(bytes(0, 0, 0x08, 0x00, 0, 0, 0, 0), gre)));
        assertFalse(p.invalid);
        assertEquals(2, p.tunnelDepth);
        assertEquals(1, p.ipProto);
        assertFalse(p.noPayloadInspection, "the innermost packet is inspected by its payload");
        Packet greLayer = p.outer;
        assertNotNull(greLayer);
        assertEquals(47, greLayer.ipProto);
        assertEquals(1, greLayer.tunnelDepth);
        assertEquals(0x0A000001, (int) greLayer.srcLo);
        assertTrue(greLayer.noPayloadInspection, "a tunnel's parent is inspected by its headers only");
        assertOuterUdp(greLayer.outer, 40000, 6081);
        assertTrue(greLayer.outer.noPayloadInspection);

        // plain GRE: the outer IPv4 packet is kept too
        decodeEth(eth(0x0800, ip4(47, cat(bytes(0, 0, 0x08, 0x00), INNER_ICMP4))));
        assertEquals(1, p.tunnelDepth);
        assertNotNull(p.outer);
        assertEquals(47, p.outer.ipProto);
        assertNull(p.outer.outer);
    }

    @Test
    void aTunnelCarryingNoIpLeavesTheInnerPacketWithoutTheOuterAddresses() {
        // GRE bridging Ethernet that carries ARP (as ERSPAN often does): the inner frame has no IP
        // layer; the GRE layer keeps its own addresses
        byte[] arp = eth(0x0806, new byte[28]);
        decodeEth(eth(0x0800, ip4(47, new byte[0], 1, 0, OUTER_SRC, OUTER_DST, cat(bytes(0, 0, 0x65, 0x58), arp))));
        assertEquals(1, p.tunnelDepth);
        assertEquals(0, p.ipVersion, "not the outer IP packet again");
        assertEquals(0, p.ipProto);
        assertEquals(0, p.payloadLength);
        assertEquals(47, p.outer.ipProto);
        assertEquals(OUTER_SRC, (int) p.outer.srcLo);
    }

    @Test
    void eventsOfAnOuterLayerAreNotTheInnerPacketsOwn() {
        // IPv4 options not padded to 8 bytes on the GRE layer: its event, counted, but the inner
        // packet's own events start after it
        byte[] gre = cat(bytes(0, 0, 0x08, 0x00), INNER_ICMP4);
        decodeEth(eth(0x0800, ip4(47, bytes(1, 1, 1, 1), 1, 0, OUTER_SRC, OUTER_DST, gre)));
        assertTrue(p.hasEvent(DecodeEvent.IPV4_OPT_PAD_REQUIRED));
        assertEquals(p.eventCount, p.firstOwnEvent, "no event of the inner ICMP packet itself");
        assertEquals(0, p.outer.firstOwnEvent);
        assertEquals(1, p.outer.eventCount);
        assertEquals(1, counters.event(DecodeEvent.IPV4_OPT_PAD_REQUIRED), "counted once");
    }

    @Test
    void newCountersAndEventsNestLikeSuricataStats() {
        var flat = counters.flatten();
        String keys = String.join(",", flat.keySet());
        assertTrue(keys.contains("decoder.icmpv6,decoder.ppp,decoder.pppoe,decoder.geneve,decoder.gre,"), keys);
        assertTrue(keys.contains("decoder.vlan_qinqinq,decoder.vxlan,decoder.teredo,decoder.ipv4_in_ipv6,"), keys);
        assertTrue(keys.contains("decoder.ipv6_in_ipv6,decoder.mpls,decoder.avg_pkt_size,"), keys);
        assertTrue(keys.contains("decoder.erspan,decoder.nsh,"), keys);
        assertTrue(flat.containsKey("decoder.event.ppp.ip4_pkt_too_small"));
        assertTrue(flat.containsKey("decoder.event.pppoe.malformed_tags"));
        assertTrue(flat.containsKey("decoder.event.mpls.bad_label_router_alert"));
        assertTrue(flat.containsKey("decoder.event.vxlan.unknown_payload_type"));
        assertTrue(flat.containsKey("decoder.event.geneve.unknown_payload_type"));
        assertTrue(flat.containsKey("decoder.event.nsh.unknown_payload"));
    }
}
