package dev.rampart.engine.defrag;

import dev.rampart.capture.LinkType;
import dev.rampart.engine.decode.ChecksumMode;
import dev.rampart.engine.decode.DecodeCounters;
import dev.rampart.engine.decode.DecodeEvent;
import dev.rampart.engine.decode.Frames;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.decode.PacketDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static dev.rampart.engine.decode.Frames.*;
import static org.junit.jupiter.api.Assertions.*;

class DefragmenterTest {
    private DecodeCounters counters = new DecodeCounters();
    private DefragCounters defragCounters = new DefragCounters();
    private PacketDecoder decoder;
    private Defragmenter defrag;
    private final Packet p = new Packet();
    private final Packet rp = new Packet();
    private final List<byte[]> reassembled = new ArrayList<>();

    private void setUp(DefragConfig cfg) {
        counters = new DecodeCounters();
        defragCounters = new DefragCounters();
        defrag = new Defragmenter(cfg, defragCounters);
        decoder = new PacketDecoder(counters, ChecksumMode.ALL, defrag);
    }

    /** Feeds one raw IP frame at {@code seconds}; collects a reassembled packet's IP payload. */
    private boolean feed(byte[] ip, long seconds) {
        boolean done = decoder.decode(Frames.frame(LinkType.RAW, ip).set(ByteBuffer.wrap(ip), 0, ip.length,
                ip.length, LinkType.RAW, seconds * 1_000_000_000L, 1, 0), p);
        if (done) {
            decoder.decodeReassembled(rp);
            byte[] out = new byte[rp.l3Length];
            rp.buffer.get(rp.l3Offset, out, 0, out.length);
            reassembled.add(out);
        }
        return done;
    }

    private static byte[] frag4(int id, int offset, boolean more, byte[] data) {
        return ip4(1, new byte[0], id, (more ? 0x2000 : 0) | (offset >>> 3), 0x01010101, 0x02020202, data);
    }

    /**
     * The fragment pattern of Novak's "Target-Based Fragmentation Reassembly" as used by Suricata's
     * defrag unit tests (ICMP over IPv4, offsets and lengths in bytes). Originals A..I, then the
     * overlapping J..Q; Q is the last fragment.
     */
    private static final Object[][] NOVAK = {
        {'A', 0, 24}, {'B', 32, 16}, {'C', 48, 24}, {'D', 80, 8}, {'E', 104, 16}, {'F', 120, 24},
        {'G', 144, 16}, {'H', 160, 16}, {'I', 176, 8},
        {'J', 8, 32}, {'K', 48, 24}, {'L', 72, 24}, {'M', 96, 24}, {'N', 128, 8}, {'O', 152, 8},
        {'P', 160, 8}, {'Q', 176, 16},
    };

    /**
     * Expected datagram (one letter per 8 bytes) per policy, derived from {@link DefragPolicy#newWins}:
     * bsd - new data wins where it starts before the old fragment (J over B at 32, L over D, M over E);
     * linux - also when it starts at the same offset (K over C, P over H, Q over I);
     * windows - only when it starts before and ends after (L over D; M over E does not: same end);
     * solaris - starts before and ends at or after (L over D, M over E);
     * first - old data always; last - new data always;
     * bsd-right - the fragment starting further right wins, the newer on a tie.
     * bsd, linux, windows, solaris and first were checked against Suricata 7.0.10 (host-os-policy
     * bsd/linux/windows/solaris/macos, one rule per expected datagram: exactly the matching one fired);
     * Suricata 7 cannot select last or bsd-right from its configuration.
     */
    @ParameterizedTest
    @CsvSource({
        "BSD,       AAAJJBCCCLLLMMMFFFGGHHIQ",
        "LINUX,     AAAJJBKKKLLLMMMFFFGGPHQQ",
        "WINDOWS,   AAAJBBCCCLLLMEEFFFGGHHIQ",
        "SOLARIS,   AAAJBBCCCLLLMMMFFFGGHHIQ",
        "FIRST,     AAAJBBCCCLDLMEEFFFGGHHIQ",
        "LAST,      AJJJJBKKKLLLMMMFNFGOPHQQ",
        "BSD_RIGHT, AJJJBBKKKLDLMEEFNFGOPHQQ",
    })
    void novakOverlapPattern(DefragPolicy policy, String expected) {
        setUp(new DefragConfig().policy(policy));
        for (int i = 0; i < NOVAK.length; i++) {
            char c = (Character) NOVAK[i][0];
            int off = (Integer) NOVAK[i][1];
            int len = (Integer) NOVAK[i][2];
            boolean done = feed(frag4(1, off, c != 'Q', fill(len, c)), 0);
            assertEquals(i == NOVAK.length - 1, done, "completes only with the last fragment " + c);
            if (c >= 'J') {
                assertTrue(p.hasEvent(DecodeEvent.IPV4_FRAG_OVERLAP), "overlap event on " + c);
            }
        }
        StringBuilder want = new StringBuilder();
        for (char c : expected.toCharArray()) {
            want.append(String.valueOf(c).repeat(8));
        }
        byte[] dgram = reassembled.get(0);
        assertEquals(20 + 192, dgram.length);
        assertEquals(want.toString(), new String(dgram, 20, 192, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(17, defragCounters.ipv4Fragments);
        assertEquals(1, defragCounters.ipv4Reassembled);
        assertEquals(0, defrag.activeTrackers());
        assertEquals(0, defrag.storedFragments());
        assertEquals(0, defrag.memuse());
        // the rebuilt header: full length, no fragment bits, checksum still right
        assertEquals(212, rp.l3Length);
        assertFalse(rp.fragment);
        assertFalse(rp.ipChecksumBad);
        assertTrue(rp.reassembled);
        assertEquals(1, rp.ipProto);
        assertEquals('A', rp.icmpType);
    }

    @Test
    void outOfOrderTinyFragmentsRebuildTcp() {
        setUp(new DefragConfig());
        byte[] tcp = tcp(4444, 80, 100, 0, Packet.TCP_SYN, new byte[0], "0123456789abcdef".getBytes());
        byte[] whole = ip4(6, new byte[0], 42, 0, 0x0A000001, 0x0A000002, tcp);
        byte[] data = java.util.Arrays.copyOfRange(whole, 20, whole.length); // 36 bytes
        // 8-byte fragments (the TCP header split over three of them), delivered last first
        int[] order = {32, 24, 8, 0, 16};
        for (int i = 0; i < order.length; i++) {
            int off = order[i];
            byte[] chunk = java.util.Arrays.copyOfRange(data, off, Math.min(off + 8, data.length));
            boolean done = feed(ip4(6, new byte[0], 42, (off + 8 < data.length ? 0x2000 : 0) | (off >>> 3),
                    0x0A000001, 0x0A000002, chunk), 0);
            assertEquals(i == order.length - 1, done);
            assertTrue(p.fragment);
            assertFalse(p.isTcp(), "fragments are not decoded past IP");
        }
        assertTrue(rp.isTcp());
        assertEquals(4444, rp.srcPort);
        assertEquals(80, rp.dstPort);
        assertEquals(16, rp.payloadLength);
        assertEquals('0', rp.byteAt(rp.payloadOffset));
        assertArrayEquals(whole, reassembled.get(0));
        assertEquals(5, defragCounters.ipv4Fragments);
        assertEquals(6, counters.ipv4, "5 fragments + the rebuilt datagram count as decoder.ipv4");
        assertEquals(1, counters.tcp);
        assertEquals(5, counters.pkts, "the rebuilt datagram is not a captured packet");
    }

    @Test
    void duplicatesAreOverlapsAndDoNotBreakReassembly() {
        setUp(new DefragConfig());
        feed(frag4(7, 0, true, fill(16, 'a')), 0);
        feed(frag4(7, 0, true, fill(16, 'a')), 0);
        assertTrue(p.hasEvent(DecodeEvent.IPV4_FRAG_OVERLAP));
        assertTrue(feed(frag4(7, 16, false, fill(8, 'b')), 0));
        assertEquals("aaaaaaaaaaaaaaaabbbbbbbb", new String(reassembled.get(0), 20, 24));
        // a late duplicate starts a new tracker, which never completes
        assertFalse(feed(frag4(7, 16, false, fill(8, 'b')), 0));
        assertEquals(1, defrag.activeTrackers());
    }

    @Test
    void overlappingDifferentDataFollowsThePolicy() {
        for (DefragPolicy policy : new DefragPolicy[] {DefragPolicy.FIRST, DefragPolicy.LAST}) {
            setUp(new DefragConfig().policy(policy));
            reassembled.clear();
            feed(frag4(9, 0, true, fill(16, 'x')), 0);
            feed(frag4(9, 8, true, fill(16, 'y')), 0);
            feed(frag4(9, 24, false, fill(8, 'z')), 0);
            String got = new String(reassembled.get(0), 20, 32);
            assertEquals(policy == DefragPolicy.FIRST ? "xxxxxxxxxxxxxxxxyyyyyyyyzzzzzzzz" : "xxxxxxxxyyyyyyyyyyyyyyyyzzzzzzzz",
                    got, policy.name());
        }
    }

    @Test
    void holesWaitAndTimeoutDropsTheDatagram() {
        DefragConfig cfg = new DefragConfig();
        cfg.timeoutSeconds = 60;
        setUp(cfg);
        assertFalse(feed(frag4(5, 0, true, fill(8, 'a')), 0));
        assertFalse(feed(frag4(5, 16, false, fill(8, 'c')), 10), "a hole at 8..16");
        assertEquals(1, defrag.activeTrackers());
        // 71 s later the tracker is gone: the missing middle alone does not complete anything
        assertFalse(feed(frag4(5, 8, true, fill(8, 'b')), 71));
        assertEquals(1, defragCounters.timeouts);
        assertEquals(1, defrag.activeTrackers(), "the late fragment started a new datagram");
        defrag.expire(200L * 1_000_000_000L);
        assertEquals(0, defrag.activeTrackers());
        assertEquals(0, defrag.memuse());
        assertTrue(reassembled.isEmpty());
    }

    @Test
    void tooManyFragmentsAreIgnored() {
        DefragConfig cfg = new DefragConfig();
        cfg.maxFragments = 3;
        setUp(cfg);
        for (int i = 0; i < 3; i++) {
            feed(frag4(3, i * 8, true, fill(8, 'a')), 0);
            assertFalse(p.hasEvent(DecodeEvent.IPV4_FRAG_IGNORED));
        }
        assertFalse(feed(frag4(3, 24, false, fill(8, 'a')), 0));
        assertTrue(p.hasEvent(DecodeEvent.IPV4_FRAG_IGNORED));
        assertEquals(1, defragCounters.memcapDrops);
        assertEquals(1, counters.event(DecodeEvent.IPV4_FRAG_IGNORED));
    }

    @Test
    void memcapsAreEnforced() {
        DefragConfig cfg = new DefragConfig();
        cfg.trackerMemcap = 100;
        setUp(cfg);
        feed(frag4(3, 0, true, fill(96, 'a')), 0);
        feed(frag4(3, 96, true, fill(8, 'a')), 0);
        assertTrue(p.hasEvent(DecodeEvent.IPV4_FRAG_IGNORED));
        cfg = new DefragConfig();
        cfg.memcap = 50;
        setUp(cfg);
        feed(frag4(4, 0, true, fill(48, 'a')), 0);
        feed(frag4(5, 0, true, fill(8, 'a')), 0);
        assertTrue(p.hasEvent(DecodeEvent.IPV4_FRAG_IGNORED));
    }

    @Test
    void trackerLimitCountsMaxFragHits() {
        DefragConfig cfg = new DefragConfig();
        cfg.maxTrackers = 1;
        setUp(cfg);
        feed(frag4(1, 0, true, fill(8, 'a')), 0);
        feed(frag4(2, 0, true, fill(8, 'a')), 0);
        assertEquals(1, defragCounters.maxFragHits);
        assertEquals(2, defragCounters.ipv4Fragments);
        // the first datagram can still complete
        assertTrue(feed(frag4(1, 8, false, fill(8, 'b')), 1));
    }

    @Test
    void tooLargeDatagramIsRefused() {
        setUp(new DefragConfig());
        feed(frag4(1, 65528, false, fill(16, 'a')), 0);
        assertTrue(p.hasEvent(DecodeEvent.IPV4_FRAG_PKT_TOO_LARGE));
        assertEquals(0, defrag.activeTrackers());
    }

    @Test
    void ipv6WithUnfragmentableHopByHopHeader() {
        setUp(new DefragConfig());
        byte[] udp = withL4Checksum(ip6(17, udp(5353, 53, "0123456789ABCDEFGHIJKLMN".getBytes())), 6);
        byte[] l4 = java.util.Arrays.copyOfRange(udp, 40, udp.length); // 32 bytes
        byte[] hop = bytes(44, 0, 1, 4, 0, 0, 0, 0); // hop-by-hop (PadN) then the fragment header
        byte[] f2 = ip6(0, cat(hop, fh(17, 16, false, 0xABCDEF), java.util.Arrays.copyOfRange(l4, 16, 32)));
        byte[] f1 = ip6(0, cat(hop, fh(17, 0, true, 0xABCDEF), java.util.Arrays.copyOfRange(l4, 0, 16)));
        assertFalse(feed(f2, 0));
        assertTrue(p.fragment);
        assertEquals(0xABCDEF, p.ipId);
        assertTrue(feed(f1, 0));
        assertTrue(rp.isUdp());
        assertEquals(48, rp.l3HeaderLength, "IPv6 + hop-by-hop, no fragment header");
        assertEquals(5353, rp.srcPort);
        assertEquals(24, rp.payloadLength);
        assertFalse(rp.l4ChecksumBad);
        assertFalse(rp.invalid);
        assertEquals(2, defragCounters.ipv6Fragments);
        assertEquals(1, defragCounters.ipv6Reassembled);
        byte[] dgram = reassembled.get(0);
        assertEquals(40 + 8 + 32, dgram.length);
        assertEquals(17, dgram[40], "hop-by-hop now names UDP");
    }

    @Test
    void ipv6OverlapAndInvalidLength() {
        setUp(new DefragConfig());
        feed(ip6(44, cat(fh(17, 0, true, 1), new byte[16])), 0);
        feed(ip6(44, cat(fh(17, 8, true, 1), new byte[16])), 0);
        assertTrue(p.hasEvent(DecodeEvent.IPV6_FRAG_OVERLAP));
        feed(ip6(44, cat(fh(17, 0, true, 2), new byte[12])), 0);
        assertTrue(p.hasEvent(DecodeEvent.IPV6_FRAG_INVALID_LENGTH));
        assertEquals(3, defragCounters.ipv6Fragments);
    }

    @Test
    void countersRenderAsSuricataStats() {
        DefragCounters c = new DefragCounters();
        c.ipv4Fragments = 2;
        c.ipv6Reassembled = 1;
        c.maxFragHits = 3;
        java.util.Map<String, Object> root = new java.util.LinkedHashMap<>();
        c.writeTo(root);
        assertEquals("{defrag={ipv4={fragments=2, reassembled=0}, ipv6={fragments=0, reassembled=1}, max_frag_hits=3}}",
                root.toString());
    }

    @Test
    void policyNamesParse() {
        assertEquals(DefragPolicy.BSD_RIGHT, DefragPolicy.parse("bsd-right"));
        assertEquals(DefragPolicy.WINDOWS, DefragPolicy.parse("Windows"));
        assertThrows(IllegalArgumentException.class, () -> DefragPolicy.parse("vista"));
    }
}
