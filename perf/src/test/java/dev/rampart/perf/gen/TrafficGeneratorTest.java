package dev.rampart.perf.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.pipeline.StatsTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficGeneratorTest {
    private static final TrafficGenerator.Options SMALL = new TrafficGenerator.Options(3L << 20, 7, 40);

    private static byte[] capture;
    private static GenSummary summary;

    @BeforeAll
    static void generate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary = TrafficGenerator.generate(SMALL, out);
        capture = out.toByteArray();
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        TrafficGenerator.generate(SMALL, again);
        assertArrayEquals(capture, again.toByteArray());

        ByteArrayOutputStream other = new ByteArrayOutputStream();
        TrafficGenerator.generate(new TrafficGenerator.Options(3L << 20, 8, 40), other);
        assertFalse(Arrays.equals(capture, other.toByteArray()));
    }

    @Test
    void sizeIsCloseToTheTargetAndTheMixIsThere() {
        assertEquals(capture.length, summary.fileBytes);
        assertTrue(summary.fileBytes > (3L << 20) * 9 / 10 && summary.fileBytes < (3L << 20) * 3 / 2,
                "size " + summary.fileBytes);
        assertTrue(summary.httpConnections > 0 && summary.tlsSessions > 0 && summary.dnsQueries > 0
                && summary.pingSessions > 0, summary.toString());
        assertTrue(summary.httpRequests > summary.httpConnections, "keep-alive: several requests per connection");
        assertEquals(summary.httpConnections + summary.tlsSessions, summary.tcpConnections);
    }

    @Test
    void everyPacketHasValidChecksumsAndTcpSequenceNumbersFollowOn() {
        ByteBuffer b = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(1, b.getInt(20)); // Ethernet
        Map<String, Long> next = new HashMap<>();
        long packets = 0;
        long lastTs = 0;
        int syns = 0;
        int pos = 24;
        while (pos < capture.length) {
            long ts = (b.getInt(pos) & 0xffffffffL) * 1_000_000L + b.getInt(pos + 4);
            int caplen = b.getInt(pos + 8);
            assertEquals(caplen, b.getInt(pos + 12));
            assertTrue(ts >= lastTs, "timestamps never go back");
            lastTs = ts;
            int f = pos + 16;
            pos = f + caplen;
            packets++;
            assertEquals(0x0800, u16(f + 12));
            int ip = f + 14;
            assertEquals(0x45, capture[ip] & 0xff);
            int total = u16(ip + 2);
            assertEquals(caplen - 14, total);
            assertEquals(0, fold(sum(ip, 20, 0)), "IPv4 header checksum at packet " + packets);
            int proto = capture[ip + 9] & 0xff;
            int l4 = ip + 20;
            int l4len = total - 20;
            long pseudo = sum(ip + 12, 8, 0) + proto + l4len;
            if (proto == 1) {
                assertEquals(0, fold(sum(l4, l4len, 0)), "ICMP checksum at packet " + packets);
                continue;
            }
            assertEquals(0, fold(sum(l4, l4len, pseudo)), "transport checksum at packet " + packets);
            if (proto == 17) {
                assertEquals(l4len, u16(l4 + 4));
                continue;
            }
            assertEquals(6, proto);
            String src = u32(ip + 12) + ":" + u16(l4);
            String dst = u32(ip + 16) + ":" + u16(l4 + 2);
            long seq = u32(l4 + 4);
            long ack = u32(l4 + 8);
            int hlen = ((capture[l4 + 12] & 0xff) >>> 4) * 4;
            int flags = capture[l4 + 13] & 0xff;
            int payload = l4len - hlen;
            String fwd = src + ">" + dst;
            String rev = dst + ">" + src;
            if ((flags & 0x02) != 0) {
                assertFalse(next.containsKey(fwd), "one SYN per direction of a connection: " + fwd);
                syns += (flags & 0x10) == 0 ? 1 : 0;
                next.put(fwd, (seq + 1) & 0xffffffffL);
            } else {
                assertEquals(next.get(fwd), seq, "sequence number continues at packet " + packets);
                next.put(fwd, (seq + payload + ((flags & 0x01) != 0 ? 1 : 0)) & 0xffffffffL);
            }
            if ((flags & 0x10) != 0) {
                assertEquals(next.get(rev), ack, "acknowledges all the peer sent, packet " + packets);
            }
            if (payload > 0) {
                assertTrue(payload <= 1460, "segments are cut at the MSS");
            }
        }
        assertEquals(summary.packets, packets);
        assertEquals(summary.tcpConnections, syns);
    }

    @Test
    void packetPathSeesTheGeneratedConnections(@TempDir Path dir) throws IOException, CaptureException {
        Path file = dir.resolve("gen.pcap");
        Files.write(file, capture);
        PacketPath path = new PacketPath(new PacketPath.Config(), null, null);
        try (FrameSource src = CaptureFiles.open(file)) {
            while (src.poll(path, 4096) >= 0) {
                // drain
            }
        }
        path.finish();
        Map<String, Object> stats = path.stats(null);
        assertEquals(summary.packets, ((Number) StatsTree.get(stats, "decoder.pkts")).longValue());
        assertEquals(0L, ((Number) StatsTree.get(stats, "decoder.invalid")).longValue());
        assertEquals(summary.tcpConnections, ((Number) StatsTree.get(stats, "tcp.sessions")).longValue());
        assertEquals(summary.tcpConnections, ((Number) StatsTree.get(stats, "flow.tcp")).longValue());
        assertEquals(summary.dnsQueries, ((Number) StatsTree.get(stats, "flow.udp")).longValue());
        assertEquals(summary.pingPairs, ((Number) StatsTree.get(stats, "flow.icmpv4")).longValue());
        assertEquals(summary.tcpConnections + summary.dnsQueries + summary.pingPairs,
                ((Number) StatsTree.get(stats, "flow.total")).longValue());
    }

    @Test
    void sizesParseWithBinarySuffixes() {
        assertEquals(500L << 20, TrafficGenerator.parseSize("500M"));
        assertEquals(2L << 30, TrafficGenerator.parseSize("2g"));
        assertEquals(1536, TrafficGenerator.parseSize("1.5K"));
        assertEquals(1000, TrafficGenerator.parseSize("1000"));
    }

    private static int u16(int off) {
        return ((capture[off] & 0xff) << 8) | (capture[off + 1] & 0xff);
    }

    private static long u32(int off) {
        return ((long) u16(off) << 16) | u16(off + 2);
    }

    private static long sum(int off, int len, long initial) {
        long s = initial;
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            s += u16(i);
        }
        if (i < off + len) {
            s += (capture[i] & 0xff) << 8;
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
