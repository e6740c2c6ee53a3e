package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The multi-worker pipeline gives the same counters and alerts as one packet path, and keeps flows on one worker. */
class WorkersPipelineTest {
    private static final String[] RULES = {
        "alert tcp any any -> any 80 (msg:\"stream\"; flow:established,to_server; content:\"GET /admin\"; sid:1;)",
        "alert udp any any -> any 53 (msg:\"udp\"; content:\"evil\"; sid:2;)",
        "alert tcp any 80 -> any any (msg:\"reply\"; flow:to_client; content:\"secret\"; sid:3;)",
    };

    private static Trace traffic() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        for (int i = 0; i < 24; i++) {
            Host c = Host.of("10.0." + (i % 5) + "." + (10 + i), "02:00:00:00:00:01");
            Host s = Host.of("192.0.2." + (1 + i % 7), "02:00:00:00:00:02");
            new TcpSession(t, c, 40000 + i, s, 80, 1000L * i, 7000L * i).handshake()
                    .clientSends(("GET /" + (i % 3 == 0 ? "admin" : "index") + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
                    .serverSends(("HTTP/1.0 200 OK\r\n\r\n" + (i % 4 == 0 ? "secret" : "public")).getBytes(StandardCharsets.US_ASCII))
                    .close();
            t.udp(c, 50000 + i, s, 53, i, (i % 2 == 0 ? "evil" : "fine").getBytes(StandardCharsets.US_ASCII));
        }
        return t;
    }

    private static DetectionPlan plan() throws Exception {
        return TestPlans.of(RULES);
    }

    private static void feed(dev.rampart.capture.FrameHandler h, Trace t) {
        long index = 0;
        Frame f = new Frame();
        for (PcapPacket pp : t.packets()) {
            byte[] d = pp.data();
            h.onFrame(f.set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET, pp.timestampMicros() * 1000,
                    ++index, 0));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "capture thread is worker 0: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void threeWorkersGiveTheCountersAndAlertsOfOne(boolean captureIsWorker0) throws Exception {
        DetectionPlan plan = plan();
        Trace t = traffic();

        List<String> single = Collections.synchronizedList(new ArrayList<>());
        PacketPath one = PacketPath.withDetection(new PacketPath.Config(),
                new DetectStage(plan, (e, r) -> single.add(r.sid() + "@" + e.pcapCnt)));
        feed(one, t);
        one.finish();

        List<String> multi = Collections.synchronizedList(new ArrayList<>());
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.ringSize = 64;
        o.captureIsWorker0 = captureIsWorker0;
        Thread[] worker0 = new Thread[1];
        WorkersPipeline p = new WorkersPipeline(3, o, i -> PacketPath.withDetection(new PacketPath.Config(),
                new DetectStage(plan, (e, r) -> {
                    multi.add(r.sid() + "@" + e.pcapCnt);
                    if (i == 0) {
                        worker0[0] = Thread.currentThread();
                    }
                })));
        feed(p, t);
        p.finish();

        Collections.sort(single);
        Collections.sort(multi);
        assertTrue(single.size() >= 12 + 8 + 6, single.toString());
        assertEquals(single, multi);

        Map<String, Object> a = one.stats(null);
        Map<String, Object> b = p.stats(null);
        for (String k : List.of("decoder.pkts", "decoder.bytes", "decoder.avg_pkt_size", "decoder.max_pkt_size",
                "flow.total", "flow.tcp", "flow.udp", "tcp.sessions", "tcp.syn", "detect.alert")) {
            assertEquals(StatsTree.get(a, k), StatsTree.get(b, k), k);
        }
        assertEquals((long) single.size(), p.alertLatency().count(), "every alert raised by a frame is timed");
        assertTrue(p.packetLatency().percentileMicros(50) <= p.packetLatency().percentileMicros(99.9));
        assertEquals(p.received(), StatsTree.get(b, "capture.received"));
        assertEquals(p.received(), StatsTree.get(b, "capture.inspected"));
        assertEquals(0L, StatsTree.get(b, "capture.dropped.ring_full"));
        assertEquals(p.alertLatency().percentileMicros(99), StatsTree.get(b, "rampart.latency.alert.p99_us"));
        long[] per = p.packetsPerWorker();
        assertEquals((long) StatsTree.get(a, "decoder.pkts"), per[0] + per[1] + per[2]);
        int k = WorkersPipeline.PACKET_LATENCY_SAMPLE;
        assertEquals(per[0] / k + per[1] / k + per[2] / k, p.packetLatency().count(),
                "one frame in " + k + " of each worker's is timed");
        for (long n : per) {
            assertTrue(n > 0, "every worker got flows: " + java.util.Arrays.toString(per));
        }
        assertEquals(captureIsWorker0, worker0[0] == Thread.currentThread(), "worker 0 ran on " + worker0[0]);
        if (RunQueueClock.waitedNanos() >= 0) { // Linux: each pipeline thread says how long it waited for a CPU
            assertTrue((long) StatsTree.get(b, "rampart.pipeline.capture.runqueue_ms") >= 0);
            for (int i = captureIsWorker0 ? 1 : 0; i < 3; i++) {
                assertTrue((long) StatsTree.get(b, "rampart.pipeline.worker." + i + ".runqueue_ms") >= 0, "worker " + i);
            }
        }
    }

    /** Writes {@code t} to {@code file} and runs one packet path over it, its alerts ("sid@pcap_cnt") into {@code alerts}. */
    private static PacketPath onePathOver(Trace t, java.nio.file.Path file, DetectionPlan plan, List<String> alerts)
            throws Exception {
        try (dev.rampart.capture.PcapWriter w = dev.rampart.capture.PcapWriter.create(file)) {
            t.writeTo(w);
        }
        PacketPath one = PacketPath.withDetection(new PacketPath.Config(),
                new DetectStage(plan, (e, r) -> alerts.add(r.sid() + "@" + e.pcapCnt)));
        try (dev.rampart.capture.FrameSource src = dev.rampart.capture.file.CaptureFiles.open(file)) {
            while (src.poll(one, 7) >= 0) {
                // to the end
            }
        }
        one.finish();
        return one;
    }

    /**
     * File fanout: each worker thread reads the file itself and keeps only its own frames; the
     * alerts (by sid and pcap_cnt), the counters and the accounting are those of one packet path.
     */
    @Test
    void fileFanoutGivesTheAlertsAndCountersOfOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        DetectionPlan plan = plan();
        Trace t = traffic();
        java.nio.file.Path file = dir.resolve("t.pcap");
        List<String> single = Collections.synchronizedList(new ArrayList<>());
        PacketPath one = onePathOver(t, file, plan, single);

        List<String> multi = Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = Collections.synchronizedList(new ArrayList<>());
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.captureIsWorker0 = true;
        o.fanout = worker -> {
            readers.add(Thread.currentThread());
            return dev.rampart.capture.file.CaptureFiles.open(file);
        };
        Thread[] threadOf = new Thread[3];
        WorkersPipeline p = new WorkersPipeline(3, o, i -> PacketPath.withDetection(new PacketPath.Config(),
                new DetectStage(plan, (e, r) -> {
                    multi.add(r.sid() + "@" + e.pcapCnt);
                    threadOf[i] = Thread.currentThread();
                })));
        try (dev.rampart.capture.FrameSource src = dev.rampart.capture.file.CaptureFiles.open(file)) {
            while (src.poll(p, 5) >= 0) {
                // to the end
            }
        }
        p.finish();

        Collections.sort(single);
        Collections.sort(multi);
        assertTrue(single.size() >= 12 + 8 + 6, single.toString());
        assertEquals(single, multi);
        assertEquals(2, readers.size(), "one more reader for each worker thread");
        assertEquals(Thread.currentThread(), threadOf[0], "worker 0 is the capture thread");
        assertTrue(threadOf[1] != null && threadOf[1] != threadOf[0] && threadOf[2] != null && threadOf[2] != threadOf[1],
                java.util.Arrays.toString(threadOf));

        Map<String, Object> a = one.stats(null);
        Map<String, Object> b = p.stats(null);
        for (String k : List.of("decoder.pkts", "decoder.bytes", "flow.total", "flow.tcp", "flow.udp", "tcp.sessions",
                "detect.alert")) {
            assertEquals(StatsTree.get(a, k), StatsTree.get(b, k), k);
        }
        long frames = t.packets().size();
        assertEquals(frames, p.received());
        assertEquals(frames, StatsTree.get(b, "capture.inspected"));
        assertEquals(1L, StatsTree.get(b, "rampart.pipeline.fanout"));
        assertEquals(frames, StatsTree.get(b, "rampart.pipeline.worker.2.reader_frames"));
        assertEquals(null, p.fanoutReaderError());
        long[] per = p.packetsPerWorker();
        assertEquals(frames, per[0] + per[1] + per[2]);
        assertEquals(List.of(341L, 341L, 342L), List.of(StatsTree.get(b, "rampart.pipeline.worker.0.share_buckets"),
                StatsTree.get(b, "rampart.pipeline.worker.1.share_buckets"),
                StatsTree.get(b, "rampart.pipeline.worker.2.share_buckets")), "no dispatch cost: even shares");
    }

    /**
     * Balanced file fanout (the readers share a {@code FileFanout} whose walk gives each address pair
     * its worker as it meets it): the same alerts and counters as one packet path, and every frame of
     * an address pair on one worker.
     */
    @Test
    void balancedFanoutGivesTheAlertsAndCountersOfOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        DetectionPlan plan = plan();
        Trace t = traffic();
        java.nio.file.Path file = dir.resolve("t.pcap");
        List<String> single = Collections.synchronizedList(new ArrayList<>());
        PacketPath one = onePathOver(t, file, plan, single);

        List<String> multi = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Integer> workerOfPair = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> split = Collections.synchronizedList(new ArrayList<>());
        try (dev.rampart.capture.file.FileFanout group = dev.rampart.capture.file.FileFanout.of(file, 3)) {
            WorkersPipeline.Options o = new WorkersPipeline.Options();
            o.captureIsWorker0 = true;
            o.fanout = new WorkersPipeline.FileReaders() {
                @Override
                public dev.rampart.capture.FrameSource open(int worker) throws dev.rampart.capture.CaptureException {
                    return group.open(worker);
                }

                @Override
                public boolean balanceBy(dev.rampart.capture.FrameKey key) {
                    return group.balanceBy(key);
                }
            };
            WorkersPipeline p = new WorkersPipeline(3, o, i -> {
                PacketPath path = PacketPath.withDetection(new PacketPath.Config(),
                        new DetectStage(plan, (e, r) -> multi.add(r.sid() + "@" + e.pcapCnt)));
                return new WorkerPath() {
                    @Override
                    public void onFrame(dev.rampart.capture.Frame f) {
                        long pair = FlowAffinity.pairKey(f.buffer, f.offset, f.captureLength, f.linkType);
                        Integer was = workerOfPair.putIfAbsent(pair, i);
                        if (was != null && was != i) {
                            split.add(pair + ": " + was + " and " + i);
                        }
                        path.onFrame(f);
                    }

                    @Override
                    public void finish() {
                        path.finish();
                    }

                    @Override
                    public Map<String, Object> stats(dev.rampart.capture.CaptureStats capture) {
                        return path.stats(capture);
                    }

                    @Override
                    public long alertCount() {
                        return path.alertCount();
                    }
                };
            });
            try (dev.rampart.capture.FrameSource src = o.fanout.open(0)) {
                while (src.poll(p, 5) >= 0) {
                    // to the end
                }
            }
            p.finish();
            Map<String, Object> a = one.stats(null);
            Map<String, Object> b = p.stats(null);
            for (String k : List.of("decoder.pkts", "decoder.bytes", "flow.total", "flow.tcp", "flow.udp", "tcp.sessions",
                    "detect.alert")) {
                assertEquals(StatsTree.get(a, k), StatsTree.get(b, k), k);
            }
            assertEquals(1L, StatsTree.get(b, "rampart.pipeline.fanout_balanced"));
            assertEquals(null, StatsTree.get(b, "rampart.pipeline.worker.0.share_buckets"), "no fixed buckets");
            assertEquals(null, p.fanoutReaderError());
            assertTrue(group.balanced() && group.balancedKeys() > 3, "keys " + group.balancedKeys());
            long[] per = p.packetsPerWorker();
            assertEquals(t.packets().size(), per[0] + per[1] + per[2]);
        }
        Collections.sort(single);
        Collections.sort(multi);
        assertTrue(single.size() >= 12 + 8 + 6, single.toString());
        assertEquals(single, multi);
        assertEquals(List.of(), split, "an address pair on two workers");
        assertTrue(new java.util.HashSet<>(workerOfPair.values()).size() > 1, "more than one worker had flows");
    }

    /** A worker whose reader cannot be opened reads nothing, and the pipeline says so instead of losing frames quietly. */
    @Test
    void fanoutReaderThatFailsIsReported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Trace t = traffic();
        java.nio.file.Path file = dir.resolve("t.pcap");
        try (dev.rampart.capture.PcapWriter w = dev.rampart.capture.PcapWriter.create(file)) {
            t.writeTo(w);
        }
        WorkersPipeline.Options o = new WorkersPipeline.Options();
        o.captureIsWorker0 = true;
        o.fanout = worker -> dev.rampart.capture.file.CaptureFiles.open(dir.resolve("missing.pcap"));
        WorkersPipeline p = new WorkersPipeline(2, o, i -> new PacketPath(new PacketPath.Config(), null, null));
        try (dev.rampart.capture.FrameSource src = dev.rampart.capture.file.CaptureFiles.open(file)) {
            while (src.poll(p, 64) >= 0) {
                // to the end
            }
        }
        p.finish();
        String error = p.fanoutReaderError();
        assertTrue(error != null && error.startsWith("worker 1 read 0 of " + t.packets().size() + " records")
                && error.contains("missing.pcap"), error);
        assertTrue(p.packetsPerWorker()[1] == 0 && p.packetsPerWorker()[0] > 0);
    }

    @Test
    void affinityIsSymmetricAndIgnoresPorts() {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        Host c = Host.of("10.1.2.3", "02:00:00:00:00:01");
        Host s = Host.of("198.51.100.7", "02:00:00:00:00:02");
        t.udp(c, 1111, s, 53, 1, new byte[] {1});
        t.udp(s, 53, c, 1111, 2, new byte[] {2});
        t.udp(c, 2222, s, 5353, 3, new byte[] {3});
        List<Integer> w = new ArrayList<>();
        for (PcapPacket pp : t.packets()) {
            w.add(FlowAffinity.worker(pp.data(), pp.data().length, LinkType.ETHERNET, 7));
        }
        assertEquals(1, w.stream().distinct().count(), w.toString());
        assertEquals(0, FlowAffinity.worker(new byte[10], 10, LinkType.ETHERNET, 7), "too short: worker 0");
    }

    /** Fields are read in network order whatever the order of the buffer (big-endian reads use getInt, others byte gets). */
    @Test
    void affinityIgnoresTheBufferByteOrder() {
        FlowAffinity weighted = FlowAffinity.weighted(0.3, 0.5, 0.2);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (PcapPacket pp : traffic().packets()) {
            byte[] d = pp.data();
            ByteBuffer be = ByteBuffer.allocateDirect(d.length + 3);
            be.put(3, d);
            ByteBuffer le = ByteBuffer.wrap(d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int w = FlowAffinity.worker(d, d.length, LinkType.ETHERNET, 5);
            assertEquals(w, FlowAffinity.worker(be, 3, d.length, LinkType.ETHERNET, 5));
            assertEquals(w, FlowAffinity.worker(le, 0, d.length, LinkType.ETHERNET, 5));
            int ww = weighted.workerOf(ByteBuffer.wrap(d), 0, d.length, LinkType.ETHERNET);
            assertEquals(ww, weighted.workerOf(le, 0, d.length, LinkType.ETHERNET));
            assertEquals(ww, weighted.workerOf(be, 3, d.length, LinkType.ETHERNET));
            seen.add(w);
        }
        assertEquals(5, seen.size(), "24 address pairs over 5 workers: " + seen);
    }
}
