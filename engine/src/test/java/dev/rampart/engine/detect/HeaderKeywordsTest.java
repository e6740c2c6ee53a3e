package dev.rampart.engine.detect;

import static dev.rampart.engine.decode.Frames.bytes;
import static dev.rampart.engine.decode.Frames.eth;
import static dev.rampart.engine.decode.Frames.fill;
import static dev.rampart.engine.decode.Frames.fh;
import static dev.rampart.engine.decode.Frames.ip4;
import static dev.rampart.engine.decode.Frames.ip6;
import static dev.rampart.engine.decode.Frames.tcp;
import static dev.rampart.engine.decode.Frames.udp;
import static dev.rampart.engine.decode.Frames.vlan;
import static dev.rampart.engine.decode.Frames.withL4Checksum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Header and packet keywords end to end: rules parsed from text, frames through the decoder, flow
 * and TCP stages, alerts counted per sid. Expected values follow Suricata's detect-*.c semantics
 * (cross-checked on suricata-verify pcaps with the oracle where noted in the matcher classes).
 */
class HeaderKeywordsTest {
    private static final int A = 0x0A000001;
    private static final int B = 0x0A000002;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;

    private final List<Long> sids = new ArrayList<>();
    private PacketPath path;
    private DetectionPlan plan;
    private long nanos = 1_000_000_000L;
    private long index;

    private void rules(String... texts) throws Exception {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> rules = new ArrayList<>();
        for (String t : texts) {
            rules.add(parser.parse(t));
        }
        plan = DetectionPlan.build(rules, RuleEnvironment.suricataDefaults());
        assertEquals(List.of(), plan.skipped(), "every rule compiles");
        DetectStage detect = new DetectStage(plan, (alert, rule) -> sids.add(rule.sid()));
        path = PacketPath.withDetection(new PacketPath.Config(), detect);
    }

    private void send(byte[] frame) {
        nanos += 1_000_000L;
        path.onFrame(new Frame().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, LinkType.ETHERNET,
                nanos, ++index, 0));
    }

    private long count(long sid) {
        return sids.stream().filter(s -> s == sid).count();
    }

    private static byte[] icmpEcho(int type, int id, int seq) {
        return ByteBuffer.allocate(12).put((byte) type).put((byte) 0).putShort((short) 0)
                .putShort((short) id).putShort((short) seq).putInt(0x61626364).array();
    }

    @Test
    void icmpIdAndSeqOnlyOnEchoLikeMessages() throws Exception {
        rules("alert icmp any any -> any any (icmp_id:21781; sid:1;)",
                "alert icmp any any -> any any (icmp_seq:7; sid:2;)",
                "alert icmp any any -> any any (icmp_id:0; sid:3;)");
        send(eth(0x0800, ip4(1, icmpEcho(8, 21781, 7))));
        send(eth(0x0800, ip4(1, icmpEcho(0, 21782, 7))));
        // destination unreachable: bytes 4..7 are unused, never an id (nor id 0)
        send(eth(0x0800, ip4(1, bytes(3, 1, 0, 0, 0, 0, 0, 0))));
        assertEquals(1, count(1));
        assertEquals(2, count(2));
        assertEquals(0, count(3));
    }

    @Test
    void ipv4FieldsIdTosFragbitsFragoffsetSameip() throws Exception {
        rules("alert ip any any -> any any (id:4242; sid:1;)",
                "alert ip any any -> any any (fragbits:D; sid:2;)",
                "alert ip any any -> any any (fragbits:*M; sid:3;)",
                "alert ip any any -> any any (fragbits:+D; sid:7;)",
                "alert ip any any -> any any (fragoffset:>0; sid:4;)",
                "alert ip any any -> any any (sameip; sid:5;)",
                "alert ip any any -> any any (tos:!0; sid:6;)");
        send(eth(0x0800, ip4(17, new byte[0], 4242, 0x4000, A, B, udp(1, 2, fill(4, 'x')))));
        // a first fragment (M set, offset 0) and a second one (offset 8 units)
        send(eth(0x0800, ip4(17, new byte[0], 7, 0x2000, A, A, udp(1, 2, fill(8, 'y')))));
        send(eth(0x0800, ip4(17, new byte[0], 7, 0x0001, A, A, fill(8, 'z'))));
        assertEquals(1, count(1));
        assertEquals(1, count(2), "DF only, exactly");
        assertEquals(1, count(3), "MF set");
        assertEquals(0, count(7), "Suricata's + also wants a bit besides the listed ones");
        assertEquals(1, count(4), "offset > 0 only on the second fragment");
        assertTrue(count(5) >= 2, "both fragments go A -> A");
        assertEquals(0, count(6));
    }

    @Test
    void ipoptsRecordsValidOptionsOnly() throws Exception {
        rules("alert ip any any -> any any (ipopts:rr; sid:1;)",
                "alert ip any any -> any any (ipopts:nop; sid:2;)",
                "alert ip any any -> any any (ipopts:any; sid:3;)",
                "alert ip any any -> any any (ipopts:lsrr; sid:4;)");
        // record route: type 7, len 7, pointer 4, one empty slot; then NOP
        byte[] rr = bytes(7, 7, 4, 0, 0, 0, 0, 1);
        send(eth(0x0800, ip4(17, rr, 1, 0, A, B, udp(1, 2, fill(4, 'x')))));
        send(eth(0x0800, ip4(17, new byte[0], 2, 0, A, B, udp(1, 2, fill(4, 'x')))));
        assertEquals(1, count(1));
        assertEquals(1, count(2));
        assertEquals(1, count(3), "no options, no any");
        assertEquals(0, count(4));
    }

    @Test
    void tcpFlagsSeqAckWindowMss() throws Exception {
        rules("alert tcp any any -> any any (flags:S; sid:1;)",
                "alert tcp any any -> any any (flags:S,12; sid:2;)",
                "alert tcp any any -> any any (flags:!A; sid:3;)",
                "alert tcp any any -> any any (seq:1000; sid:4;)",
                "alert tcp any any -> any any (ack:5001; sid:5;)",
                "alert tcp any any -> any any (window:65535; sid:6;)",
                "alert tcp any any -> any any (tcp.mss:<536; sid:7;)",
                "alert tcp any any -> any any (tcp.mss:>0; sid:8;)",
                "alert tcp any any -> any any (flags:*SA; sid:9;)",
                "alert tcp any any -> any any (flags:!S; sid:10;)");
        byte[] mss = bytes(2, 4, 0x01, 0x00); // MSS 256
        send(eth(0x0800, ip4(6, new byte[0], 1, 0, A, B, tcp(1234, 80, 1000, 0, SYN | 0x80, mss, new byte[0]))));
        send(eth(0x0800, ip4(6, new byte[0], 2, 0, B, A, tcp(80, 1234, 5000, 1001, SYN | ACK, new byte[0], new byte[0]))));
        send(eth(0x0800, ip4(6, new byte[0], 3, 0, A, B, tcp(1234, 80, 1001, 5001, ACK, new byte[0], new byte[0]))));
        assertEquals(0, count(1), "CWR set too: not exactly S");
        assertEquals(1, count(2), "CWR ignored by the mask");
        assertEquals(1, count(3), "only the SYN lacks ACK");
        assertEquals(1, count(4));
        assertEquals(1, count(5));
        assertEquals(3, count(6));
        assertEquals(1, count(7));
        assertEquals(1, count(8), "packets without the option never match");
        // Suricata's signature mask: a rule naming S, F or R only sees packets with one of them
        assertEquals(2, count(9), "not the plain ACK");
        assertEquals(0, count(10), "every SYN/FIN/RST packet here has SYN");
    }

    @Test
    void flowCountersAndStreamSize() throws Exception {
        rules("alert tcp any any -> any any (flow.pkts:toserver,=2; sid:1;)",
                "alert tcp any any -> any any (flow.pkts_toclient:1; sid:2;)",
                "alert tcp any any -> any any (flow.pkts:either,=2; sid:3;)",
                "alert tcp any any -> any any (stream_size:client,>,4; sid:4;)");
        send(eth(0x0800, ip4(6, new byte[0], 1, 0, A, B, tcp(1234, 80, 1000, 0, SYN, new byte[0], new byte[0]))));
        send(eth(0x0800, ip4(6, new byte[0], 2, 0, B, A, tcp(80, 1234, 5000, 1001, SYN | ACK, new byte[0], new byte[0]))));
        send(eth(0x0800, ip4(6, new byte[0], 3, 0, A, B, tcp(1234, 80, 1001, 5001, ACK, new byte[0], new byte[0]))));
        send(eth(0x0800, ip4(6, new byte[0], 4, 0, A, B, tcp(1234, 80, 1001, 5001, ACK | PSH, new byte[0], fill(10, 'a')))));
        assertEquals(1, count(1), "second client packet");
        assertEquals(3, count(2), "SYN/ACK and every packet after it");
        assertEquals(1, count(3));
        assertEquals(1, count(4), "client sent SYN + 10 bytes: 11 > 4");
    }

    @Test
    void checksumKeywordsComputeEvenWithoutValidation() throws Exception {
        rules("alert tcp any any -> any any (tcpv4-csum:invalid; sid:1;)",
                "alert tcp any any -> any any (tcpv4-csum:valid; sid:2;)",
                "alert ip any any -> any any (ipv4-csum:valid; sid:3;)",
                "alert udp any any -> any any (udpv4-csum:valid; sid:4;)",
                "alert udp any any -> any any (udpv4-csum:invalid; sid:5;)");
        byte[] good = withL4Checksum(ip4(6, new byte[0], 1, 0, A, B, tcp(1, 2, 1, 0, SYN, new byte[0], new byte[0])), 16);
        byte[] bad = ip4(6, new byte[0], 2, 0, A, B, tcp(3, 4, 1, 0, SYN, new byte[0], new byte[0]));
        bad[20 + 16] = 0x12; // wrong TCP checksum
        send(eth(0x0800, good));
        send(eth(0x0800, bad));
        // a zero UDP checksum means none: neither valid nor invalid (oracle)
        send(eth(0x0800, ip4(17, new byte[0], 3, 0, A, B, udp(5, 6, fill(3, 'u')))));
        send(eth(0x0800, withL4Checksum(ip4(17, new byte[0], 4, 0, A, B, udp(5, 6, fill(3, 'v'))), 6)));
        assertEquals(1, count(1));
        assertEquals(1, count(2));
        assertEquals(4, count(3));
        assertEquals(1, count(4));
        assertEquals(0, count(5));
    }

    @Test
    void vlanIdAndLayers() throws Exception {
        rules("alert ip any any -> any any (vlan.id:200,0; sid:1;)",
                "alert ip any any -> any any (vlan.id:300; sid:2;)",
                "alert ip any any -> any any (vlan.id:300,-1; sid:3;)",
                "alert ip any any -> any any (vlan.id:!500,all; sid:4;)",
                "alert ip any any -> any any (vlan.layers:2; sid:5;)",
                "alert ip any any -> any any (vlan.layers:0; sid:6;)");
        byte[] ip = ip4(17, udp(1, 2, fill(4, 'v')));
        send(eth(0x8100, vlan(200, 0x8100, vlan(300, 0x0800, ip))));
        send(eth(0x0800, ip));
        assertEquals(1, count(1));
        assertEquals(1, count(2));
        assertEquals(1, count(3));
        assertEquals(1, count(4));
        assertEquals(1, count(5));
        assertEquals(1, count(6));
    }

    @Test
    void decodeEventAndMissingEventsAreExplicit() throws Exception {
        rules("alert pkthdr any any -> any any (decode-event:ipv4.opt_invalid_len; sid:1;)");
        // option length 9 runs past the 4 option bytes
        send(eth(0x0800, ip4(17, bytes(7, 9, 4, 0), 1, 0, A, B, udp(1, 2, fill(4, 'x')))));
        send(eth(0x0800, ip4(17, udp(1, 2, fill(4, 'x')))));
        assertEquals(1, count(1));

        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        DetectionPlan p = DetectionPlan.build(List.of(parser.parse(
                "alert tcp any any -> any any (stream-event:3whs_async_wrong_seq; sid:9;)")),
                RuleEnvironment.suricataDefaults());
        assertEquals(1, p.skipped().size());
        assertTrue(p.skipped().get(0).reason().contains("not raised"), p.skipped().get(0).reason());
    }

    @Test
    void headerBuffersShareByteExtractVariables() throws Exception {
        rules("alert tcp any any -> any any (tcp.hdr; content:\"|00 50|\"; offset:2; depth:2; sid:1;)",
                "alert udp any any -> any any (udp.hdr; content:\"|00 0c|\"; offset:4; depth:2; sid:2;)",
                // TTL (64) from ipv4.hdr, compared in tcp.hdr with the data offset byte 0x50 (80 = 64 + 16)
                "alert tcp any any -> any any (ipv4.hdr; byte_extract:1,8,ttl_val; "
                        + "byte_math:bytes 1, offset 8, oper +, rvalue 16, result sum; "
                        + "tcp.hdr; byte_test:1,=,sum,12; sid:3;)",
                "alert ip any any -> any any (ipv6.hdr; content:\"|11 00|\"; offset:40; depth:2; sid:4;)",
                "alert ip any any -> any any (ipv4.hdr; content:\"|40|\"; offset:8; depth:1; sid:5;)");
        send(eth(0x0800, ip4(6, new byte[0], 1, 0, A, B, tcp(1234, 80, 1, 0, SYN, new byte[0], new byte[0]))));
        send(eth(0x0800, ip4(17, udp(9, 10, fill(4, 'u')))));
        // an atomic fragment (offset 0, no more): the fragment header stays part of ipv6.hdr
        send(eth(0x86DD, ip6(44, cat(fh(17, 0, false, 5), udp(1, 2, fill(6, 'f'))))));
        assertEquals(1, count(1));
        assertEquals(1, count(2), "udp length 12");
        assertEquals(1, count(3));
        assertEquals(1, count(4), "IPv6 header with its fragment extension header");
        assertEquals(2, count(5), "TTL 64 in both IPv4 packets");
    }

    @Test
    void asn1RunsOnEveryPacketAfterThePayloadKeywords() throws Exception {
        rules("alert udp any any -> any any (asn1:bitstring_overflow; sid:1;)",
                "alert udp any any -> any any (content:\"AA\"; asn1:bitstring_overflow, relative_offset 0; sid:2;)",
                "alert udp any any -> any any (content:\"AA\"; asn1:bitstring_overflow, relative_offset -2; sid:3;)");
        byte[] overflow = bytes(0x03, 0x01, 0xff); // a BIT STRING claiming 255 unused bits of its 0
        send(eth(0x0800, ip4(17, new byte[0], 1, 0, A, B, udp(1, 2, overflow))));
        send(eth(0x0800, ip4(17, new byte[0], 2, 0, A, B, udp(1, 2, cat(bytes('A', 'A'), overflow)))));
        send(eth(0x0800, ip4(17, new byte[0], 3, 0, A, B, udp(1, 2, overflow))));
        // a rule of asn1 alone is not IP-only (once per flow direction): the flow's third packet alerts too
        assertEquals(2, count(1));
        // from the end of the content match ("AA"): the BIT STRING; two before it, "AA" does not decode
        assertEquals(1, count(2));
        assertEquals(0, count(3));
    }

    private static byte[] cat(byte[]... parts) {
        return dev.rampart.engine.decode.Frames.cat(parts);
    }
}
