package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.synth.Ethernet;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Ipv4;
import dev.rampart.capture.synth.Udp;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two workers' detection stages over one {@link HostState}: flows of one host on two workers see
 * each other's host bits and count toward one threshold, as in Suricata; with a state each (what
 * the engine had before) the bit is missed and the limit fires once per worker.
 */
class HostStateTest {
    private static final String[] RULES = {
        "alert udp any any -> any any (content:\"S\"; hostbits:set,seen,src; noalert; sid:1;)",
        "alert udp any any -> any any (content:\"Q\"; hostbits:isset,seen,src; sid:2;)",
        "alert udp any any -> any any (content:\"L\"; threshold:type limit, track by_src, count 1, seconds 60; sid:3;)",
    };

    private final List<String> alerts = new ArrayList<>();
    private long index;

    private static DetectionPlan plan() throws Exception {
        RuleEnvironment env = RuleEnvironment.suricataDefaults();
        RuleParser parser = new RuleParser(env);
        List<Rule> parsed = new ArrayList<>();
        for (String r : RULES) {
            parsed.add(parser.parse(r));
        }
        DetectionPlan plan = DetectionPlan.build(parsed, env, new DetectSettings(null, null));
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
        return plan;
    }

    private PacketPath worker(DetectionPlan plan, HostState hosts) {
        DetectStage d = new DetectStage(plan, (e, r) -> alerts.add(e.pcapCnt + ":" + r.sid()), null, hosts);
        return PacketPath.withDetection(new PacketPath.Config(), d);
    }

    private void udp(PacketPath path, double seconds, String src, int sp, String dst, int dp, String payload) {
        byte[] udp = Udp.datagram(Host.parseIp(src), Host.parseIp(dst), sp, dp, payload.getBytes());
        byte[] frame = Ethernet.frame(2, 1, Ethernet.TYPE_IPV4,
                Ipv4.packet(Host.parseIp(src), Host.parseIp(dst), Ipv4.PROTO_UDP, (int) index, 64, udp));
        path.onFrame(new Frame().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, LinkType.ETHERNET,
                (long) (seconds * 1e9) + 1_000_000_000_000L, ++index, 0));
    }

    /** Host A's flows: the first on worker 0, the second on worker 1. */
    private void run(PacketPath w0, PacketPath w1) {
        udp(w0, 0, "10.0.0.1", 1000, "10.0.1.1", 53, "S"); // worker 0 sets A's bit
        udp(w1, 1, "10.0.0.1", 1001, "10.0.1.1", 54, "Q"); // worker 1: A's bit is set
        udp(w0, 2, "10.0.0.1", 1000, "10.0.1.1", 53, "L"); // A's first L: alert
        udp(w1, 3, "10.0.0.1", 1001, "10.0.1.1", 54, "L"); // A's second L within 60 s: limited
    }

    @Test
    void workersSharingOneHostStateSeeOneHost() throws Exception {
        DetectionPlan plan = plan();
        HostState hosts = new HostState(plan);
        run(worker(plan, hosts), worker(plan, hosts));
        assertEquals("2:2 3:3", String.join(" ", alerts));
    }

    @Test
    void aStateEachMissesTheBitAndDoublesTheLimit() throws Exception {
        DetectionPlan plan = plan();
        run(worker(plan, new HostState(plan)), worker(plan, new HostState(plan)));
        assertEquals("3:3 4:3", String.join(" ", alerts));
    }

    @Test
    void aNewPlanResetsThresholdsOnceWhicheverWorkerComesFirst() throws Exception {
        DetectionPlan first = plan();
        DetectionPlan next = plan();
        HostState hosts = new HostState(first);
        var before = hosts.thresholds();
        var bits = hosts.hostbits();
        hosts.adopt(next);
        var after = hosts.thresholds();
        assertNotSame(before, after, "thresholds start over with a new plan");
        assertSame(bits, hosts.hostbits(), "same bit names: the host bits stay");
        hosts.adopt(next); // the second worker arrives
        assertSame(after, hosts.thresholds(), "no second reset");
    }
}
