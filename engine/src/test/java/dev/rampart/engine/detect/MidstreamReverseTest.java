package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.applayer.PcapStreams;
import dev.rampart.engine.applayer.smb.SmbBytes;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session picked up midstream whose first bytes are an SMB reply: protocol detection turns the
 * flow around (Suricata's FlowSwap), so the packet that carried the detection and every later
 * packet get the direction Suricata 7.0.10 gives them (suricata-verify smb1-03-midstream, checked
 * per pcap_cnt with the oracle).
 */
class MidstreamReverseTest {
    private static final String[] RULES = {
        "alert tcp-pkt any any -> any 445 (content:\"|00 00 00 bc|\"; depth:4; flow:to_server; sid:1;)",
        "alert tcp any any -> any any (flow:to_server; sid:10;)",
        "alert tcp any any -> any any (flow:to_client; sid:11;)",
        "alert ip any any -> any any (sid:20;)",
    };

    /** "sid@pcap_cnt" per alert, "+" for to-server, "-" for to-client. */
    private static List<String> run(DetectHarness h, List<DetectHarness.Alert> alerts) {
        List<String> out = new ArrayList<>();
        for (DetectHarness.Alert a : alerts) {
            out.add(a.sid() + "@" + a.pcapCnt() + (a.toServer() ? "+" : "-"));
        }
        return out;
    }

    @Test
    void smbReplyFirstTurnsTheFlowAround() {
        DetectHarness h = new DetectHarness(RULES);
        h.config.stream.midstream = true;
        h.config.stream.depth = 0;
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        // packets: 1 reply from 445, 2 client ACK, 3 request (NBSS length 0xbc), 4 ACK, 5-7 close
        new TcpSession(t, DetectHarness.CLIENT, 49216, DetectHarness.SERVER, 445, 1000, 5000).midstream()
                .serverSends(SmbBytes.smb1(true, 100))
                .clientSends(SmbBytes.smb1(false, 0xbc - 32))
                .close();
        List<String> got = run(h, h.run(t));
        assertEquals(List.of(
                "10@1+", "20@1+",            // the first packet sets the flow's direction: to server
                "10@2+", "20@2+",            // detection on its ACK reverses the flow and the packet
                "1@3+", "10@3+",
                "11@4-",                     // IP-only rules already ran for this side (before the swap)
                "10@5+", "11@6-", "10@7+"), got);
    }

    /**
     * Suricata gives up on a midstream session whose to-server side (as first seen) finds no
     * protocol: the SMB request that follows is not detected and the flow keeps its direction.
     */
    @Test
    void unknownToServerBytesEndDetectionOfAMidstreamSession() {
        DetectHarness h = new DetectHarness(RULES);
        h.config.stream.midstream = true;
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        byte[] notSmb = new byte[200];
        java.util.Arrays.fill(notSmb, (byte) 'x');
        new TcpSession(t, DetectHarness.CLIENT, 49216, DetectHarness.SERVER, 8080, 1000, 5000).midstream()
                .serverSends(notSmb)
                .clientSends(SmbBytes.smb1(false, 0xbc - 32))
                .close();
        List<String> got = run(h, h.run(t));
        assertEquals(List.of("10@1+", "20@1+", "11@2-", "20@2-", "11@3-", "10@4+", "11@5-", "10@6+", "11@7-"), got);
    }

    /** The suricata-verify capture itself, with the test's settings; expectations from the oracle. */
    @Test
    void smb1MidstreamCaptureMatchesTheReference() throws Exception {
        List<String> got = scanSmb1Midstream(RULES);
        List<String> want = new ArrayList<>(List.of("1@3", "20@1", "20@2",
                "10@1", "10@2", "10@3", "10@6", "10@7", "10@10", "10@11", "10@13",
                "11@4", "11@5", "11@8", "11@9", "11@12"));
        want.sort(null);
        assertEquals(want, got);
    }

    /**
     * Rules for the smb protocol apply once the flow is SMB (from the detecting packet on), and raw
     * stream content on an SMB flow waits as Suricata's does: its SMB parser never asks for raw
     * inspection, so these small records are inspected only when the FINs close the session.
     */
    @Test
    void smbRulesAndRawStreamTimingMatchTheReference() throws Exception {
        List<String> got = scanSmb1Midstream(
                "alert smb any any -> any any (msg:\"smb\"; sid:30;)",
                "alert smb any any -> any any (msg:\"smb ts\"; flow:to_server; sid:31;)",
                "alert smb any any -> any any (msg:\"smb content\"; content:\"SMB\"; sid:33;)");
        List<String> want = new ArrayList<>();
        for (int i = 2; i <= 13; i++) {
            want.add("30@" + i);
        }
        for (int i : new int[] {2, 3, 6, 7, 10, 11, 13}) {
            want.add("31@" + i);
        }
        want.add("33@11");
        want.add("33@12");
        want.sort(null);
        assertEquals(want, got);
    }

    /** "sid@pcap_cnt", sorted, of smb1-03-midstream with its settings (midstream, unlimited depth). */
    private static List<String> scanSmb1Midstream(String... ruleTexts) throws Exception {
        Path pcap = PcapStreams.sv("smb1-03-midstream", "smb1_osx-s1-midstream-modified.pcap");
        assumeTrue(pcap != null, "shared suricata-verify captures not present");
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> rules = new ArrayList<>();
        for (String r : ruleTexts) {
            rules.add(parser.parse(r));
        }
        DetectionPlan plan = DetectionPlan.build(rules, RuleEnvironment.suricataDefaults());
        List<String> got = new ArrayList<>();
        DetectStage stage = new DetectStage(plan, (e, r) -> got.add(r.sid() + "@" + e.pcapCnt));
        PacketPath.Config config = new PacketPath.Config();
        config.stream.midstream = true;
        config.stream.depth = 0;
        PacketPath path = PacketPath.withDetection(config, stage);
        try (FrameSource src = CaptureFiles.open(pcap)) {
            while (src.poll(path, 1024) >= 0) {
                // keep reading
            }
        } catch (CaptureException e) {
            // as the reference: frames before the damage count
        }
        path.finish();
        assertEquals(0, plan.skipped().size(), () -> "skipped: " + plan.skipped());
        got.sort(null);
        return got;
    }
}
