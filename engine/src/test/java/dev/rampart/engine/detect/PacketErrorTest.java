package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.pipeline.StatsTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A packet whose processing throws is counted and passed over; the packets after it are processed. */
class PacketErrorTest {
    @Test
    void aThrowingPacketIsCountedAndTheRestGoOn() {
        DetectHarness h = new DetectHarness("alert tcp any any -> any any (content:\"GET\"; sid:1;)",
                "alert tcp any any -> any any (flow:to_client; content:\"200 OK\"; sid:2;)");
        List<Long> seen = new ArrayList<>();
        // the sink throws on its first alert (sid 1, the request): a bug met while that packet was processed
        DetectStage stage = new DetectStage(h.plan, (e, r) -> {
            seen.add(e.rule.sid());
            if (seen.size() == 1) {
                throw new IllegalStateException("injected");
            }
        });
        PacketPath path = PacketPath.withDetection(new PacketPath.Config(), stage);
        Trace t = DetectHarness.httpExchange("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        DetectHarness.feed(path, t);
        // the interrupted packet's alert is raised again by the next packet (its state was not kept), and
        // the response after it is inspected
        assertEquals(List.of(1L, 1L, 2L), seen);
        assertEquals(1, path.packetErrors());
        assertTrue(path.firstError().startsWith("java.lang.IllegalStateException: injected at "), path.firstError());
        assertEquals(1L, StatsTree.get(path.stats(null), "rampart.packet_errors"));
        assertEquals((long) t.packets().size(), StatsTree.get(path.stats(null), "decoder.pkts"));
    }
}
