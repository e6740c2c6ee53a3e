package dev.rampart.engine.decode;

import dev.rampart.capture.LinkType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.rampart.engine.decode.Frames.*;
import static org.junit.jupiter.api.Assertions.*;

class PacketDecoderTest {
    private final DecodeCounters counters = new DecodeCounters();
    private final PacketDecoder decoder = new PacketDecoder(counters, ChecksumMode.NONE, null);
    private final Packet p = new Packet();

    private static final byte[] TCP_OPTS = bytes(
            2, 4, 0x05, 0xB4,                 // MSS 1460
            1, 3, 3, 7,                       // NOP, window scale 7
            4, 2,                             // SACK permitted
            8, 10, 0, 0, 0, 1, 0, 0, 0, 2,    // timestamps 1, 2
            5, 10, 0, 0, 0, 10, 0, 0, 0, 20,  // one SACK block
            0, 0);                            // EOL + padding

    private void decode(int linkType, byte[] data) {
        decoder.decode(frame(linkType, data), p);
    }

    private void decodeEth(byte[] data) {
        decode(LinkType.ETHERNET, data);
    }

    @Test
    void ethernetIpv4TcpWithAllOptions() {
        byte[] payload = "GET / HTTP/1.1\r\n".getBytes();
        byte[] tcp = tcp(40000, 80, 0xFFFFFFF0L, 5, Packet.TCP_SYN | Packet.TCP_ACK, TCP_OPTS, payload);
        decodeEth(eth(0x0800, ip4(6, new byte[0], 0x1234, 0x4000, 0xC0A80001, 0x0A000002, tcp)));

        assertFalse(p.invalid);
        assertEquals(0, p.eventCount);
        assertEquals(4, p.ipVersion);
        assertEquals(14, p.l3Offset);
        assertEquals(20, p.l3HeaderLength);
        assertEquals(0xC0A80001L, p.srcLo);
        assertEquals(0x0A000002L, p.dstLo);
        assertEquals(0, p.srcHi);
        assertEquals(0x1234, p.ipId);
        assertEquals(0b010, p.ipFlags, "DF");
        assertFalse(p.fragment);
        assertEquals(64, p.ttl);
        assertTrue(p.isTcp());
        assertEquals(40000, p.srcPort);
        assertEquals(80, p.dstPort);
        assertEquals(0xFFFFFFF0L, p.tcpSeq);
        assertEquals(5, p.tcpAck);
        assertEquals(Packet.TCP_SYN | Packet.TCP_ACK, p.tcpFlags);
        assertEquals(65535, p.tcpWindow);
        assertEquals(20 + TCP_OPTS.length, p.tcpHeaderLength);
        assertEquals(1460, p.tcpMss);
        assertEquals(7, p.tcpWscale);
        assertTrue(p.tcpSackPermitted);
        assertTrue(p.tcpHasTimestamp);
        assertEquals(1, p.tcpTsVal);
        assertEquals(2, p.tcpTsEcr);
        assertEquals(1, p.tcpSackBlocks);
        assertEquals(10, p.buffer.getInt(p.tcpSackOffset));
        assertEquals(20, p.buffer.getInt(p.tcpSackOffset + 4));
        assertEquals(14 + 20 + 20 + TCP_OPTS.length, p.payloadOffset);
        assertEquals(payload.length, p.payloadLength);
        assertEquals('G', p.byteAt(p.payloadOffset));

        assertEquals(1, counters.pkts);
        assertEquals(1, counters.ethernet);
        assertEquals(1, counters.ipv4);
        assertEquals(1, counters.tcp);
        assertEquals(0, counters.invalid);
    }

    @Test
    void packetIsResetBetweenFrames() {
        decodeEth(eth(0x0800, ip4(6, tcp(1, 2, 3, 4, Packet.TCP_SYN, TCP_OPTS, new byte[0]))));
        assertTrue(p.isTcp());
        decodeEth(eth(0x0800, bytes(0x45, 0, 0)));
        assertTrue(p.invalid);
        assertFalse(p.isTcp());
        assertEquals(0, p.ipVersion);
        assertEquals(-1, p.tcpWscale);
        assertEquals(0, p.tcpMss);
        assertTrue(p.hasEvent(DecodeEvent.IPV4_PKT_TOO_SMALL));
        assertEquals(1, counters.invalid);
    }

    @Test
    void vlanQinqAndTooManyLayers() {
        byte[] ip = ip4(17, udp(5, 6, bytes(1, 2)));
        decodeEth(eth(0x88A8, vlan(100, 0x8100, vlan(200, 0x0800, ip))));
        assertEquals(2, p.vlanCount);
        assertEquals(100, p.vlanIds[0]);
        assertEquals(200, p.vlanIds[1]);
        assertTrue(p.isUdp());
        assertEquals(1, counters.vlan);
        assertEquals(1, counters.vlanQinq);

        decodeEth(eth(0x9100, vlan(1, 0x8100, vlan(2, 0x8100, vlan(3, 0x0800, ip)))));
        assertEquals(3, p.vlanCount);
        assertEquals(3, p.vlanIds[2]);
        assertEquals(1, counters.vlanQinqinq);
        assertTrue(p.isUdp());

        // a fourth tag: Suricata raises the event and stops, without marking the packet invalid
        decodeEth(eth(0x8100, vlan(1, 0x8100, vlan(2, 0x8100, vlan(3, 0x8100, vlan(4, 0x0800, ip))))));
        assertTrue(p.hasEvent(DecodeEvent.VLAN_TOO_MANY_LAYERS));
        assertFalse(p.invalid);
        assertEquals(0, p.ipVersion);

        decodeEth(eth(0x8100, vlan(1, 0x1234, new byte[20])));
        assertTrue(p.hasEvent(DecodeEvent.VLAN_UNKNOWN_TYPE));
        assertTrue(p.invalid);
        assertEquals(1, counters.unknownEthertype);
    }

    @Test
    void unknownEthertypeAndShortEthernet() {
        decodeEth(eth(0x1234, new byte[10]));
        assertFalse(p.invalid);
        assertEquals(1, counters.unknownEthertype);
        decodeEth(new byte[13]);
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.ETHERNET_PKT_TOO_SMALL));
        decodeEth(eth(0x0806, new byte[28]));
        assertEquals(1, counters.arp);
    }

    @Test
    void ipv6ExtensionHeadersToUdp() {
        byte[] hop = bytes(60, 0, 5, 2, 0, 0, 1, 0);          // router alert, next: dst opts
        byte[] dst = bytes(17, 0, 1, 4, 0, 0, 0, 0);          // PadN only, next: UDP
        byte[] udp = udp(1000, 53, "q".getBytes());
        decodeEth(eth(0x86DD, ip6(0, cat(hop, dst, udp))));
        assertFalse(p.invalid);
        assertEquals(6, p.ipVersion);
        assertEquals(17, p.ipProto);
        assertEquals(56, p.l3HeaderLength);
        assertEquals(0x20010db800000000L, p.srcHi);
        assertEquals(1, p.srcLo);
        assertEquals(2, p.dstLo);
        assertEquals(1000, p.srcPort);
        assertEquals(53, p.dstPort);
        assertEquals(1, p.payloadLength);
        assertTrue(p.hasEvent(DecodeEvent.IPV6_DSTOPTS_ONLY_PADDING));
        assertFalse(p.hasEvent(DecodeEvent.IPV6_HOPOPTS_ONLY_PADDING));
    }

    @Test
    void ipv6ExtensionHeaderAnomalies() {
        byte[] udp = udp(1, 2, new byte[0]);
        decodeEth(eth(0x86DD, ip6(43, cat(bytes(17, 0, 0, 1, 0, 0, 0, 0), udp))));
        assertTrue(p.hasEvent(DecodeEvent.IPV6_RH_TYPE_0));
        assertTrue(p.isUdp());

        decodeEth(eth(0x86DD, ip6(44, cat(fh(17, 0, false, 9), udp))));
        assertTrue(p.hasEvent(DecodeEvent.IPV6_EXTHDR_USELESS_FH));
        assertTrue(p.isUdp(), "an atomic fragment is decoded on");

        decodeEth(eth(0x86DD, ip6(0, bytes(17, 3, 0, 0, 0, 0, 0, 0))));
        assertTrue(p.hasEvent(DecodeEvent.IPV6_TRUNC_EXTHDR));
        assertTrue(p.invalid);

        decodeEth(eth(0x86DD, ip6(59, bytes(1, 2, 3))));
        assertTrue(p.hasEvent(DecodeEvent.IPV6_DATA_AFTER_NONE_HEADER));
        assertEquals(59, p.ipProto);

        decodeEth(eth(0x86DD, ip6(44, cat(fh(6, 8, true, 7), new byte[16]))));
        assertTrue(p.fragment);
        assertEquals(44, p.ipProto, "Suricata keeps the fragment header as the protocol");
        assertEquals(8, p.fragmentOffset);
        assertEquals(7, p.ipId);
        assertEquals(16, p.payloadLength);
        assertFalse(p.invalid);
    }

    @Test
    void truncationAndHeaderErrorsAreInvalidEvents() {
        byte[] ip = ip4(6, tcp(1, 2, 3, 4, 0, new byte[0], new byte[0]));
        byte[] cut = java.util.Arrays.copyOf(ip, ip.length - 4);
        decodeEth(eth(0x0800, cut));
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.IPV4_TRUNC_PKT));
        assertEquals(0, p.ipVersion);

        byte[] tcpShortOpt = tcp(1, 2, 3, 4, 0, bytes(1, 1, 2, 9), new byte[0]);
        decodeEth(eth(0x0800, ip4(6, tcpShortOpt)));
        assertTrue(p.invalid);
        assertTrue(p.hasEvent(DecodeEvent.TCP_OPT_INVALID_LEN));

        byte[] wsBad = tcp(1, 2, 3, 4, 0, bytes(3, 4, 7, 0), new byte[0]);
        decodeEth(eth(0x0800, ip4(6, wsBad)));
        assertFalse(p.invalid, "a bad window scale length is only an event");
        assertTrue(p.hasEvent(DecodeEvent.TCP_OPT_INVALID_LEN));
        assertEquals(-1, p.tcpWscale);

        decodeEth(eth(0x0800, ip4(17, new byte[5])));
        assertTrue(p.hasEvent(DecodeEvent.UDP_HLEN_TOO_SMALL));
        assertTrue(p.invalid);

        decodeEth(eth(0x0800, ip4(7, bytes(7, 7, 5, 0, 0, 0, 0, 0), 1, 0, 1, 2, new byte[4])));
        assertTrue(p.hasEvent(DecodeEvent.IPV4_OPT_MALFORMED));
        assertTrue(p.invalid);

        decodeEth(eth(0x0800, ip4(7, bytes(99, 4, 0, 0, 1, 0, 0, 0), 1, 0, 1, 2, new byte[4])));
        assertTrue(p.hasEvent(DecodeEvent.IPV4_OPT_INVALID));
        assertFalse(p.invalid);
        assertEquals(28, p.l3HeaderLength);
    }

    @Test
    void icmp() {
        decodeEth(eth(0x0800, ip4(1, bytes(8, 0, 0, 0, 0x12, 0x34, 0, 7, 'x'))));
        assertEquals(8, p.icmpType);
        assertEquals(0x1234, p.icmpId);
        assertEquals(7, p.icmpSeq);
        assertEquals(1, p.payloadLength);
        assertEquals(1, counters.icmpv4);

        decodeEth(eth(0x86DD, ip6(58, bytes(129, 0, 0, 0, 0, 9, 0, 1))));
        assertEquals(129, p.icmpType);
        assertEquals(9, p.icmpId);
        assertEquals(1, counters.icmpv6);
        assertEquals(0, p.eventCount);

        decodeEth(eth(0x0800, ip4(1, bytes(42, 0, 0, 0, 0, 0, 0, 0))));
        assertTrue(p.hasEvent(DecodeEvent.ICMPV4_UNKNOWN_TYPE));
    }

    @Test
    void greVersion0WithKeySequenceChecksumCarryingIpv4() {
        byte[] inner = ip4(6, new byte[0], 9, 0, 0xC0A80101, 0xC0A80102,
                tcp(1111, 22, 1, 0, Packet.TCP_SYN, new byte[0], new byte[0]));
        byte[] gre = cat(bytes(0xB0, 0, 0x08, 0x00), new byte[12], inner);
        decodeEth(eth(0x0800, ip4(47, gre)));
        assertFalse(p.invalid);
        assertEquals(1, p.tunnelDepth);
        assertEquals(0xC0A80101L, p.srcLo);
        assertEquals(1111, p.srcPort);
        assertTrue(p.isTcp());
        assertEquals(1, counters.gre);
        assertEquals(2, counters.ipv4);
    }

    @Test
    void greTransparentEthernetBridgingAndErspan() {
        byte[] inner = eth(0x0800, ip4(17, udp(7, 8, new byte[3])));
        decodeEth(eth(0x0800, ip4(47, cat(bytes(0, 0, 0x65, 0x58), inner))));
        assertTrue(p.isUdp());
        assertEquals(1, p.tunnelDepth);
        assertEquals(2, counters.ethernet);

        byte[] erspan = bytes(0x10, 42, 0, 0, 0, 0, 0, 0); // version 1, vlan 42
        decodeEth(eth(0x0800, ip4(47, cat(bytes(0x10, 0, 0x88, 0xBE, 0, 0, 0, 1), erspan, inner))));
        assertTrue(p.isUdp());
        assertEquals(1, p.vlanCount);
        assertEquals(42, p.vlanIds[0]);
        assertEquals(1, counters.erspan);
    }

    @Test
    void greErrors() {
        decodeEth(eth(0x0800, ip4(47, bytes(0, 2, 8, 0))));
        assertTrue(p.hasEvent(DecodeEvent.GRE_WRONG_VERSION));
        assertTrue(p.invalid);
        decodeEth(eth(0x0800, ip4(47, bytes(0, 0))));
        assertTrue(p.hasEvent(DecodeEvent.GRE_PKT_TOO_SMALL));
    }

    @Test
    void ipInIpTunnels() {
        byte[] inner4 = ip4(17, new byte[0], 1, 0, 0x01020304, 0x05060708, udp(1, 2, new byte[0]));
        byte[] inner6 = ip6(17, udp(3, 4, new byte[0]));

        decodeEth(eth(0x0800, ip4(41, inner6)));
        assertEquals(6, p.ipVersion);
        assertEquals(3, p.srcPort);
        assertEquals(1, p.tunnelDepth);

        decodeEth(eth(0x86DD, ip6(4, inner4)));
        assertEquals(4, p.ipVersion);
        assertEquals(0x01020304L, p.srcLo);
        assertEquals(1, counters.ipv4InIpv6);

        decodeEth(eth(0x86DD, ip6(41, inner6)));
        assertEquals(1, counters.ipv6InIpv6);
        assertEquals(1, p.tunnelDepth);

        // IPv4 in IPv4: left alone by default (as Suricata 7), decoded when enabled
        decodeEth(eth(0x0800, ip4(4, inner4)));
        assertEquals(0, p.tunnelDepth);
        assertEquals(4, p.ipProto);
        decoder.decodeIpv4InIpv4(true);
        decodeEth(eth(0x0800, ip4(4, inner4)));
        assertEquals(1, p.tunnelDepth);
        assertEquals(0x01020304L, p.srcLo);
        assertTrue(p.isUdp());
    }

    @Test
    void otherLinkTypes() {
        byte[] ip = ip4(17, udp(1, 2, new byte[0]));
        byte[] sll = cat(bytes(0, 0, 0, 1, 0, 6), new byte[8], bytes(0x08, 0x00), ip);
        decode(LinkType.LINUX_SLL, sll);
        assertTrue(p.isUdp());
        byte[] sll2 = cat(bytes(0x08, 0x00, 0, 0), new byte[16], ip);
        decode(LinkType.LINUX_SLL2, sll2);
        assertTrue(p.isUdp());
        assertEquals(2, counters.sll);

        decode(LinkType.NULL, cat(bytes(2, 0, 0, 0), ip));
        assertTrue(p.isUdp());
        decode(LinkType.NULL, cat(bytes(0, 0, 0, 30), ip6(17, udp(1, 2, new byte[0])))); // big-endian writer
        assertEquals(6, p.ipVersion);
        decode(LinkType.LOOP, cat(bytes(0, 0, 0, 2), ip));
        assertEquals(4, p.ipVersion);
        decode(LinkType.NULL, cat(bytes(77, 0, 0, 0), ip));
        assertTrue(p.hasEvent(DecodeEvent.LTNULL_UNSUPPORTED_TYPE));
        assertEquals(4, counters.nullLink);

        decode(LinkType.RAW, ip);
        assertTrue(p.isUdp());
        decode(LinkType.IPV4, ip);
        assertTrue(p.isUdp());
        decode(LinkType.RAW, cat(bytes(0x75), new byte[25]));
        assertTrue(p.hasEvent(DecodeEvent.IPRAW_INVALID_IP_VERSION));
        assertEquals(3, counters.raw);
    }

    @Test
    void checksumValidation() {
        PacketDecoder checking = new PacketDecoder(new DecodeCounters(), ChecksumMode.ALL, null);
        byte[] good = withL4Checksum(ip4(6, tcp(1, 2, 3, 4, Packet.TCP_ACK, new byte[0], "data".getBytes())), 16);
        checking.decode(frame(LinkType.RAW, good), p);
        assertFalse(p.ipChecksumBad);
        assertFalse(p.l4ChecksumBad);

        byte[] badL4 = good.clone();
        badL4[badL4.length - 1] ^= 1;
        checking.decode(frame(LinkType.RAW, badL4), p);
        assertFalse(p.ipChecksumBad);
        assertTrue(p.l4ChecksumBad);

        byte[] badIp = good.clone();
        badIp[8] = 1; // TTL changed, header checksum not updated
        checking.decode(frame(LinkType.RAW, badIp), p);
        assertTrue(p.ipChecksumBad);
        assertFalse(p.invalid, "a bad checksum is not a decoder error");

        byte[] udp6 = withL4Checksum(ip6(17, udp(5, 6, "abc".getBytes())), 6);
        checking.decode(frame(LinkType.RAW, udp6), p);
        assertFalse(p.l4ChecksumBad);
        udp6[udp6.length - 1] ^= 0x55;
        checking.decode(frame(LinkType.RAW, udp6), p);
        assertTrue(p.l4ChecksumBad);

        byte[] icmp6 = withL4Checksum(ip6(58, bytes(128, 0, 0, 0, 0, 1, 0, 1)), 2);
        checking.decode(frame(LinkType.RAW, icmp6), p);
        assertFalse(p.l4ChecksumBad);

        // NONE: nothing is computed
        decoder.decode(frame(LinkType.RAW, badIp), p);
        assertFalse(p.ipChecksumBad);
    }

    @Test
    void countersNestLikeSuricataStats() {
        decodeEth(eth(0x0800, bytes(0x45, 0, 0)));
        decodeEth(eth(0x0800, ip4(6, tcp(1, 2, 3, 4, 0, new byte[0], new byte[100]))));
        Map<String, Object> root = new LinkedHashMap<>();
        counters.writeTo(root);
        @SuppressWarnings("unchecked")
        Map<String, Object> dec = (Map<String, Object>) root.get("decoder");
        assertEquals(2L, dec.get("pkts"));
        assertEquals(1L, dec.get("invalid"));
        assertEquals((17L + 154L) / 2, dec.get("avg_pkt_size"));
        assertEquals(154L, dec.get("max_pkt_size"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> ev = (Map<String, Map<String, Object>>) dec.get("event");
        assertEquals(1L, ev.get("ipv4").get("pkt_too_small"));
        assertEquals(0L, ev.get("tcp").get("opt_invalid_len"));
        assertTrue(dec.containsKey("too_many_layers"));
        assertEquals(1L, counters.flatten().get("decoder.event.ipv4.pkt_too_small"));
    }

    @Test
    void eventNamesAreSuricatas() {
        assertEquals("decoder.event.ipv6.exthdr_dupl_fh", DecodeEvent.IPV6_EXTHDR_DUPL_FH.statName());
        assertEquals("decoder.too_many_layers", DecodeEvent.TOO_MANY_LAYERS.statName());
        for (DecodeEvent e : DecodeEvent.values()) {
            assertTrue(e.eventName().matches("[a-z0-9]+\\.[a-z0-9_]+|too_many_layers"), e.eventName());
        }
    }

    @Test
    void tooManyLayersStopsDecoding() {
        PacketDecoder shallow = new PacketDecoder(new DecodeCounters(), ChecksumMode.NONE, null, 3);
        byte[] inner = ip4(17, udp(1, 2, new byte[0]));
        byte[] gre1 = ip4(47, cat(bytes(0, 0, 8, 0), inner));
        byte[] gre2 = ip4(47, cat(bytes(0, 0, 8, 0), gre1));
        shallow.decode(frame(LinkType.RAW, gre2), p);
        assertTrue(p.hasEvent(DecodeEvent.TOO_MANY_LAYERS));
        assertTrue(p.invalid);
    }

    @Test
    void decodesFromAnOffsetInsideALargerBuffer() {
        byte[] pkt = eth(0x0800, ip4(17, udp(9, 10, new byte[2])));
        byte[] big = new byte[pkt.length + 100];
        System.arraycopy(pkt, 0, big, 37, pkt.length);
        decoder.decode(new dev.rampart.capture.Frame().set(ByteBuffer.wrap(big), 37, pkt.length, pkt.length,
                LinkType.ETHERNET, 0, 1, 0), p);
        assertEquals(37 + 14, p.l3Offset);
        assertEquals(9, p.srcPort);
    }

    @Test
    void atMostFifteenEventsPerPacketAsSuricata() {
        byte[] opts = new byte[40];
        for (int i = 0; i < 40; i += 2) {
            opts[i] = 99; // unknown option, length 2
            opts[i + 1] = 2;
        }
        decodeEth(eth(0x0800, ip4(6, opts, 1, 0, 1, 2, tcp(1, 2, 3, 4, 0, new byte[0], new byte[0]))));
        assertEquals(15, p.eventCount);
        assertEquals(15, counters.event(DecodeEvent.IPV4_OPT_INVALID)); // the oracle counts 15 too
        assertTrue(p.isTcp());
    }
}
