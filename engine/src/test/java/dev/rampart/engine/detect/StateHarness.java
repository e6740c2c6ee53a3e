package dev.rampart.engine.detect;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.capture.synth.Ethernet;
import dev.rampart.capture.synth.Host;
import dev.rampart.capture.synth.Ipv4;
import dev.rampart.capture.synth.Udp;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.rules.Action;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.config.ThresholdConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Rules in, frames through the whole packet path with detection, alerts out as "pcapCnt:sid". */
final class StateHarness {
    final List<String> alerts = new ArrayList<>();
    final DetectStage detect;
    final PacketPath path;
    private long index;

    static StateHarness configured(String thresholdConfig, List<Action> actionOrder, String... rules) {
        return new StateHarness(thresholdConfig, actionOrder, rules);
    }

    private StateHarness(String thresholdConfig, List<Action> actionOrder, String[] rules) {
        RuleEnvironment env = RuleEnvironment.suricataDefaults();
        RuleParser parser = new RuleParser(env);
        List<Rule> parsed = new ArrayList<>();
        for (String r : rules) {
            try {
                parsed.add(parser.parse(r));
            } catch (RuleParseException e) {
                throw new IllegalArgumentException(r, e);
            }
        }
        ThresholdConfig tc = thresholdConfig == null ? null : ThresholdConfig.parse("test", thresholdConfig, env);
        DetectionPlan plan = DetectionPlan.build(parsed, env, new DetectSettings(tc, actionOrder));
        if (!plan.skipped().isEmpty()) {
            throw new IllegalArgumentException("not loaded: " + plan.skipped());
        }
        detect = new DetectStage(plan, (e, r) -> alerts.add(e.pcapCnt + ":" + r.sid() + (e.blocked ? "b" : "")));
        path = PacketPath.withDetection(new PacketPath.Config(), detect);
    }

    StateHarness(String... rules) {
        this(null, null, rules);
    }

    /** A UDP datagram at {@code seconds} (packet time). */
    void udp(double seconds, String src, int sp, String dst, int dp, String payload) {
        byte[] udp = Udp.datagram(Host.parseIp(src), Host.parseIp(dst), sp, dp, payload.getBytes());
        byte[] frame = Ethernet.frame(2, 1, Ethernet.TYPE_IPV4,
                Ipv4.packet(Host.parseIp(src), Host.parseIp(dst), Ipv4.PROTO_UDP, (int) index, 64, udp));
        path.onFrame(new Frame().set(ByteBuffer.wrap(frame), 0, frame.length, frame.length, LinkType.ETHERNET,
                (long) (seconds * 1e9) + 1_000_000_000_000L, ++index, 0));
    }

    String alertList() {
        return String.join(" ", alerts);
    }
}
