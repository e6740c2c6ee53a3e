package dev.rampart.engine.detect;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.TcpSession;
import dev.rampart.capture.synth.Trace;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs synthetic traffic through the packet path with detection and records (sid, pcap_cnt, toServer) per alert. */
final class DetectHarness {
    record Alert(long sid, long pcapCnt, boolean toServer, boolean hasFlow) {
    }

    final DetectionPlan plan;
    final List<Alert> alerts = new ArrayList<>();
    /** Rule profile the next runs record into, or null (no profiling). */
    RuleProfiler profiler;
    /** Packet path settings of {@link #run(Trace)}. */
    final PacketPath.Config config = new PacketPath.Config();

    static final Host CLIENT = Host.of("10.0.0.1", "02:00:00:00:00:01");
    static final Host SERVER = Host.of("192.0.2.10", "02:00:00:00:00:02");

    /** One HTTP request and its response on a TCP session CLIENT:40000 -> SERVER:80, then a close. */
    static Trace httpExchange(String request, String response) {
        Trace t = new Trace(1_700_000_000_000_000L, 1000);
        new TcpSession(t, CLIENT, 40000, SERVER, 80, 1000, 5000).handshake()
                .clientSends(request.getBytes(StandardCharsets.ISO_8859_1))
                .serverSends(response.getBytes(StandardCharsets.ISO_8859_1)).close();
        return t;
    }

    /** The alerts of {@link #run} as "sid@pcap_cnt#tx_id" ("#tx_id" only on a transaction), in order. */
    final List<String> txAlerts = new ArrayList<>();

    DetectHarness(String... rules) {
        RuleParser parser = new RuleParser(RuleEnvironment.suricataDefaults());
        List<Rule> list = new ArrayList<>();
        for (String r : rules) {
            try {
                list.add(parser.parse(r));
            } catch (Exception e) {
                throw new IllegalArgumentException(r, e);
            }
        }
        plan = DetectionPlan.build(list, RuleEnvironment.suricataDefaults());
    }

    List<Alert> run(Trace trace) {
        DetectStage stage = new DetectStage(plan, (e, r) -> {
            alerts.add(new Alert(e.rule.sid(), e.pcapCnt, e.toServer, e.hasFlow));
            txAlerts.add(e.rule.sid() + "@" + e.pcapCnt + (e.txId >= 0 ? "#" + e.txId : ""));
        }, profiler);
        feed(PacketPath.withDetection(config, stage), trace);
        return alerts;
    }

    /** Every packet of the trace through the path (pcap_cnt from 1), then the end of the capture. */
    static void feed(PacketPath path, Trace trace) {
        long index = 0;
        for (PcapPacket pp : trace.packets()) {
            byte[] d = pp.data();
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    pp.timestampMicros() * 1000, ++index, 0));
        }
        path.finish();
    }

    /** Runs raw Ethernet frames (1 ms apart). */
    List<Alert> runFrames(byte[]... frames) {
        DetectStage stage = new DetectStage(plan, (e, r) -> alerts.add(new Alert(e.rule.sid(), e.pcapCnt, e.toServer, e.hasFlow)));
        PacketPath path = PacketPath.withDetection(new PacketPath.Config(), stage);
        long index = 0;
        for (byte[] d : frames) {
            path.onFrame(new Frame().set(ByteBuffer.wrap(d), 0, d.length, d.length, LinkType.ETHERNET,
                    1_700_000_000_000_000_000L + index * 1_000_000L, ++index, 0));
        }
        path.finish();
        return alerts;
    }

    /** Runs the trace and gives {@link #txAlerts} sorted (the order alerts of one packet come in is not asserted). */
    List<String> sortedTxAlerts(Trace trace) {
        run(trace);
        List<String> got = new ArrayList<>(txAlerts);
        got.sort(null);
        return got;
    }

    List<Long> sids() {
        return alerts.stream().map(Alert::sid).toList();
    }
}
