package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.synth.Ethernet;
import dev.rampart.capture.synth.Ipv4;
import dev.rampart.capture.synth.Tcp;
import dev.rampart.capture.synth.Udp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Weighted flow affinity: each worker gets the configured share of the address pairs, and every
 * frame of a pair (both directions, TCP and UDP, non-first fragments) goes to the same worker.
 */
class WeightedAffinityTest {
    /** A worker that records the address pair of every frame it gets (IPv4 over Ethernet only). */
    static final class PairRecorder implements WorkerPath {
        final Set<Long> pairs = new HashSet<>();
        long frames;

        @Override
        public void onFrame(Frame f) {
            ByteBuffer b = f.buffer;
            int ip = f.offset + Ethernet.HEADER_LENGTH;
            pairs.add(pairKey(b.getInt(ip + 12), b.getInt(ip + 16)));
            frames++;
        }

        @Override
        public void finish() {
        }

        @Override
        public Map<String, Object> stats(CaptureStats capture) {
            return new HashMap<>();
        }

        @Override
        public long alertCount() {
            return 0;
        }
    }

    static long pairKey(int a, int b) {
        long x = a & 0xFFFF_FFFFL;
        long y = b & 0xFFFF_FFFFL;
        return Math.min(x, y) << 32 | Math.max(x, y);
    }

    private static byte[] ether(byte[] ip) {
        return Ethernet.frame(0x020000000002L, 0x020000000001L, Ethernet.TYPE_IPV4, ip);
    }

    /** A non-first fragment: no L4 header, only the addresses tie it to its flow. */
    private static byte[] fragment(int src, int dst, int id) {
        byte[] p = Ipv4.packet(src, dst, Ipv4.PROTO_UDP, id, 64, new byte[24]);
        p[6] = 0; // MF clear, DF clear
        p[7] = 3; // offset 24 bytes
        return ether(p);
    }

    /** Frames of {@code pairs} random address pairs: a UDP exchange, a TCP segment each way and a fragment each. */
    private static List<byte[]> traffic(int pairs, long seed, Set<Long> keys) {
        Random r = new Random(seed);
        List<byte[]> frames = new ArrayList<>();
        while (keys.size() < pairs) {
            int c = 0x0A000000 | r.nextInt(1 << 24);
            int s = r.nextInt();
            if (!keys.add(pairKey(c, s))) {
                continue;
            }
            int cp = 1024 + r.nextInt(60000);
            frames.add(ether(Ipv4.packet(c, s, Ipv4.PROTO_UDP, 1, 64, Udp.datagram(c, s, cp, 53, new byte[] {1, 2}))));
            frames.add(ether(Ipv4.packet(s, c, Ipv4.PROTO_UDP, 2, 64, Udp.datagram(s, c, 53, cp, new byte[] {3}))));
            frames.add(ether(Ipv4.packet(c, s, Ipv4.PROTO_TCP, 3, 64,
                    Tcp.segment(c, s, cp + 1, 80, 1000, 0, Tcp.SYN, 65535, new byte[0], new byte[0]))));
            frames.add(ether(Ipv4.packet(s, c, Ipv4.PROTO_TCP, 4, 64,
                    Tcp.segment(s, c, 80, cp + 1, 5000, 1001, Tcp.SYN | Tcp.ACK, 65535, new byte[0], new byte[0]))));
            frames.add(fragment(c, s, 5));
        }
        return frames;
    }

    @Test
    void bucketsFollowTheWeights() {
        assertEquals(256, FlowAffinity.weighted(1, 3).buckets(0));
        assertEquals(768, FlowAffinity.weighted(1, 3).buckets(1));
        FlowAffinity thirds = FlowAffinity.weighted(1, 1, 1);
        assertEquals(FlowAffinity.BUCKETS, thirds.buckets(0) + thirds.buckets(1) + thirds.buckets(2));
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(thirds.buckets(i) - 341) <= 1, "worker " + i + ": " + thirds.buckets(i));
        }
        assertEquals(0, FlowAffinity.weighted(0, 1).buckets(0), "a zero weight gets no pairs");
        assertEquals(1, FlowAffinity.weighted(1e-9, 1).buckets(0), "a positive weight gets at least one bucket");
        assertThrows(IllegalArgumentException.class, FlowAffinity::weighted);
        assertThrows(IllegalArgumentException.class, () -> FlowAffinity.weighted(0, 0));
        assertThrows(IllegalArgumentException.class, () -> FlowAffinity.weighted(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> FlowAffinity.weighted(Double.NaN, 2));
    }

    @Test
    void workersRunmodeGivesTheCaptureThreadsWorkerLess() {
        double[] two = WorkersPipeline.defaultWeights(2, true);
        assertEquals(1.0, two[0] + two[1], 1e-9);
        assertEquals((1 - WorkersPipeline.DISPATCH_COST) / 2, two[0], 1e-9);
        assertEquals(two[0] + WorkersPipeline.DISPATCH_COST, two[1], 1e-9, "the other worker takes the dispatch cost more");
        double[] four = WorkersPipeline.defaultWeights(4, true);
        assertTrue(four[0] < four[1] && four[1] == four[2] && four[2] == four[3], java.util.Arrays.toString(four));
        assertArrayEquals(new double[] {0.5, 0.5}, WorkersPipeline.defaultWeights(2, false), "autofp: even");
        assertTrue(WorkersPipeline.defaultWeights(64, true)[0] > 0, "worker 0 keeps some pairs with many workers");
    }

    @ParameterizedTest(name = "capture thread is worker 0: {0}")
    @ValueSource(booleans = {false, true})
    void everyPairOnOneWorkerWithTheConfiguredShares(boolean captureIsWorker0) {
        Set<Long> keys = new HashSet<>();
        List<byte[]> frames = traffic(6000, 42, keys);
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.ringSize = 256;
        o.captureIsWorker0 = captureIsWorker0;
        o.weights = new double[] {1, 2, 5};
        PairRecorder[] w = new PairRecorder[3];
        WorkersPipeline p = new WorkersPipeline(3, o, i -> w[i] = new PairRecorder());
        Frame f = new Frame();
        long index = 0;
        for (byte[] d : frames) {
            p.onFrame(f.set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET, index * 1000, ++index, 0));
        }
        p.finish();

        int[] buckets = p.shareBuckets();
        assertArrayEquals(new int[] {128, 256, 640}, buckets, "1:2:5 of 1024");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            for (Long k : w[i].pairs) {
                assertTrue(seen.add(k), "pair " + Long.toHexString(k) + " on two workers");
            }
            // every frame of a pair went with it: 5 frames per pair
            assertEquals(5L * w[i].pairs.size(), w[i].frames, "worker " + i);
            double share = w[i].pairs.size() / (double) keys.size();
            double expected = buckets[i] / (double) FlowAffinity.BUCKETS;
            // 6000 pairs: a binomial share's standard deviation is at most 0.0065
            assertEquals(expected, share, 0.03, "worker " + i + " share");
        }
        assertEquals(keys, seen);
        assertEquals(frames.size(), p.received());
    }

    @Test
    void aSmallerShareForWorkerZeroOnlyMovesSomeOfItsPairs() {
        Set<Long> keys = new HashSet<>();
        FlowAffinity even = FlowAffinity.even(2);
        FlowAffinity less = FlowAffinity.weighted(0.45, 0.55);
        int evenZero = 0;
        int stayed = 0;
        for (byte[] d : traffic(4000, 11, keys)) {
            ByteBuffer b = ByteBuffer.wrap(d);
            int e = even.workerOf(b, 0, d.length, LinkType.ETHERNET);
            int w = less.workerOf(b, 0, d.length, LinkType.ETHERNET);
            if (e == 1) {
                assertEquals(1, w, "a pair of worker 1 stays there");
            } else {
                evenZero++;
                stayed += w == 0 ? 1 : 0;
            }
        }
        // 461 of worker 0's 512 buckets stay: 0.9 of its pairs (4000 pairs, 5 frames each)
        assertEquals(0.9, stayed / (double) evenZero, 0.04);
    }

    @Test
    void perWorkerAffinityAgreesWithTheFrameMethods() {
        FlowAffinity weighted = FlowAffinity.weighted(1, 3);
        FlowAffinity even = FlowAffinity.even(3);
        Set<Long> keys = new HashSet<>();
        Map<Long, Integer> byPair = new HashMap<>();
        for (byte[] d : traffic(500, 7, keys)) {
            ByteBuffer b = ByteBuffer.wrap(d);
            long k = pairKey(b.getInt(Ethernet.HEADER_LENGTH + 12), b.getInt(Ethernet.HEADER_LENGTH + 16));
            int wk = weighted.workerOf(b, 0, d.length, LinkType.ETHERNET);
            assertEquals(wk, (int) byPair.computeIfAbsent(k, x -> wk), "pair " + Long.toHexString(k));
            assertEquals(FlowAffinity.worker(d, d.length, LinkType.ETHERNET, 3), even.workerOf(b, 0, d.length, LinkType.ETHERNET));
        }
        assertEquals(0, weighted.workerOf(ByteBuffer.wrap(new byte[10]), 0, 10, LinkType.ETHERNET), "too short: worker 0");
    }
}
