package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import java.nio.ByteBuffer;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacketWarmupTest {
    /** Rules on each part of the warm-up traffic; sid 1 is limited to one alert per source in 60 s. */
    private static final String[] RULES = {
        "alert http any any -> any any (msg:\"uri\"; http.uri; content:\"/index.php?id=\"; "
                + "threshold:type limit, track by_src, count 1, seconds 60; sid:1;)",
        "alert http any any -> any any (msg:\"form\"; http.method; content:\"POST\"; http.request_body; content:\"user=warm\"; sid:2;)",
        "alert http any any -> any any (msg:\"gzip body\"; flow:to_client; file.data; content:\"warm warm warm\"; sid:3;)",
        "alert tls any any -> any any (msg:\"sni\"; tls.sni; content:\".example.com\"; endswith; sid:4;)",
        "alert dns any any -> any any (msg:\"query\"; dns.query; content:\".example.org\"; endswith; sid:5;)",
    };

    private static DetectionPlan plan() throws Exception {
        return TestPlans.of(RULES);
    }

    /** Alerts per sid of {@code trace} through a path with {@code plan}'s detection. */
    private static TreeMap<Long, Integer> alerts(DetectionPlan plan, Trace trace) {
        TreeMap<Long, Integer> bySid = new TreeMap<>();
        DetectStage stage = new DetectStage(plan, (e, r) -> bySid.merge(e.rule.sid(), 1, Integer::sum), null);
        PacketPath path = PacketPath.withDetection(new PacketPath.Config(), stage);
        long n = 0;
        for (PcapPacket pp : trace.packets()) {
            byte[] d = pp.data();
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    pp.timestampMicros() * 1000, ++n, 0));
        }
        path.finish();
        return bySid;
    }

    @Test
    void aRoundIsHttpWithAFormAndAGzipBodyTlsAndDns() throws Exception {
        // every parser the warm-up is there for sees its protocol: each rule alerts in every round
        TreeMap<Long, Integer> a = alerts(plan(), PacketWarmup.round(3));
        assertEquals(new TreeMap<>(java.util.Map.of(1L, 1, 2L, 1, 3L, 1, 4L, 1, 5L, 1)), a);
    }

    @Test
    void theWarmupLeavesNoStateToTheRunAfterIt() throws Exception {
        DetectionPlan plan = plan();
        Trace real = PacketWarmup.round(7); // the same source address as the warm-up's traffic
        TreeMap<Long, Integer> alone = alerts(plan, real);
        long packets = PacketWarmup.run(plan, new PacketPath.Config(), 5, 5, Long.MAX_VALUE, () -> 0);
        assertTrue(packets >= 5 * 20, "five rounds: " + packets);
        // the threshold (sid 1, one per source) was met in the warm-up: with shared host state the real
        // run's alert would be suppressed
        assertEquals(alone, alerts(plan, real));
        assertEquals(1, alerts(plan, real).get(1L));
    }

    @Test
    void aPlanWhoseRulesWriteADatasetIsNotWarmedUp() throws Exception {
        DetectionPlan writes = TestPlans.of("alert http any any -> any any (http.uri; dataset:set,seen,type string; sid:3;)");
        assertTrue(writes.writesDatasets());
        assertEquals(0, PacketWarmup.run(writes, new PacketPath.Config(), 3, 3, Long.MAX_VALUE, () -> 0), "the set is the real run's");
        DetectionPlan reads = TestPlans.of("alert http any any -> any any (http.uri; dataset:isset,seen,type string; sid:4;)");
        assertTrue(!reads.writesDatasets());
        assertTrue(PacketWarmup.run(reads, new PacketPath.Config(), 3, 3, Long.MAX_VALUE, () -> 0) > 0);
    }

    @Test
    void theBudgetEndsTheRoundsAfterTheFirst() throws Exception {
        DetectionPlan plan = plan();
        long one = PacketWarmup.run(plan, new PacketPath.Config(), 1, 1, Long.MAX_VALUE, () -> 0);
        AtomicLong busy = new AtomicLong(); // a JIT that never goes quiet
        assertEquals(one, PacketWarmup.run(plan, new PacketPath.Config(), 50, 50, 0, busy::incrementAndGet),
                "no time: one round");
        assertEquals(3 * one, PacketWarmup.run(plan, new PacketPath.Config(), 3, 3, Long.MAX_VALUE, busy::incrementAndGet),
                "rounds bound it");
    }

    @Test
    void aBusyJitKeepsItGoingPastTheLeastRoundsUntilQuiet() throws Exception {
        DetectionPlan plan = plan();
        long one = PacketWarmup.run(plan, new PacketPath.Config(), 1, 1, Long.MAX_VALUE, () -> 0);
        // compiling through the first 40 rounds' checks (one a round), then done
        AtomicLong calls = new AtomicLong();
        long busy40 = PacketWarmup.run(plan, new PacketPath.Config(), 2, 10_000, Long.MAX_VALUE,
                () -> Math.min(calls.incrementAndGet(), 41));
        assertTrue(busy40 >= 40 * one, "ran while the JIT compiled: " + busy40 / one + " rounds");
        long quietNanos = System.nanoTime();
        long quiet = PacketWarmup.run(plan, new PacketPath.Config(), 2, 10_000, Long.MAX_VALUE, () -> 7);
        quietNanos = System.nanoTime() - quietNanos;
        assertTrue(quiet >= 2 * one, "the least rounds ran");
        assertTrue(quietNanos >= PacketWarmup.JIT_QUIET_NANOS, "not before the quiet time");
        assertTrue(quiet < 10_000 * one, "a quiet JIT ends it once the least rounds ran and the quiet time passed: "
                + quiet / one + " rounds");
        // and the time bound ends a JIT that never goes quiet
        AtomicLong busy = new AtomicLong();
        long t = System.nanoTime();
        PacketWarmup.run(plan, new PacketPath.Config(), 2, Integer.MAX_VALUE, 50_000_000L, busy::incrementAndGet);
        assertTrue(System.nanoTime() - t < 5_000_000_000L, "the time bound holds");
    }
}
