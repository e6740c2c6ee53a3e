package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.detect.DetectStage;
import dev.rampart.engine.detect.DetectionPlan;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Live input: a full ring drops and counts instead of blocking the capture thread; every frame is accounted for. */
class WorkersPipelineLiveTest {

    @Test
    void aFullRingDropsAndCountsAndEveryFrameIsAccountedFor() throws Exception {
        DetectionPlan plan = DetectionPlan.build(List.of(new RuleParser(RuleEnvironment.suricataDefaults())
                .parse("alert udp any any -> any any (msg:\"all\"; content:\"x\"; sid:1;)")),
                RuleEnvironment.suricataDefaults());
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong alerts = new AtomicLong();
        // the first alert holds the only worker until every frame was offered: the ring (8 slots) fills
        WorkersPipeline.Options live = new WorkersPipeline.Options();
        live.ringSize = 8;
        live.live = true; // a worker thread of its own even for one worker, and drops when full
        WorkersPipeline pipeline = new WorkersPipeline(1, live, i -> PacketPath.withDetection(new PacketPath.Config(),
                new DetectStage(plan, (e, r) -> {
                    alerts.incrementAndGet();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                })));
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        for (int i = 0; i < 100; i++) {
            t.udp(Host.of("10.0.0.1", "02:00:00:00:00:01"), 40000 + i, Host.of("192.0.2.1", "02:00:00:00:00:02"), 53, i,
                    "x".getBytes(StandardCharsets.US_ASCII));
        }
        long offered = 0;
        Frame f = new Frame();
        for (PcapPacket pp : t.packets()) {
            byte[] d = pp.data();
            pipeline.onFrame(f.set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET, pp.timestampMicros() * 1000,
                    ++offered, 0));
        }
        long droppedWhileHeld = pipeline.droppedRingFull();
        release.countDown();
        pipeline.finish();
        long inspected = pipeline.packetsPerWorker()[0];
        assertEquals(100, offered);
        // at most the ring's 8 slots plus the one frame the worker had taken were accepted
        assertTrue(droppedWhileHeld >= 100 - 9, "dropped " + droppedWhileHeld);
        assertEquals(offered, inspected + pipeline.droppedRingFull(),
                "inspected " + inspected + " dropped " + pipeline.droppedRingFull() + " alerts " + alerts.get());
        assertEquals(inspected, alerts.get());
        assertEquals(inspected, pipeline.packetsPerWorkerNow()[0]);
    }
}
