package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.engine.detect.threshold.ThresholdSpec;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.flow.DetectionFilterOption;
import dev.rampart.rules.keyword.flow.ThresholdOption;

/**
 * {@code threshold} and {@code detection_filter}: not a match condition but a rate control applied
 * when the packet's alerts are finalised (Suricata's DETECT_SM_LIST_THRESHOLD), so the rule stays
 * IP-only when it otherwise is. Suricata 8's {@code type backoff} is supported (by_flow, as there);
 * 9's {@code unique_on} is refused as not implemented (7.0 rejects both).
 */
public final class ThresholdKeyword {
    private ThresholdKeyword() {
    }

    public static void compileThreshold(RuleOption option, RuleBuilder rule) {
        ThresholdOption o = (ThresholdOption) option;
        ThresholdSpec.Track track = track(o.track());
        rule.threshold(switch (o.type()) {
            case LIMIT -> new ThresholdSpec(ThresholdSpec.Kind.LIMIT, track, o.count(), o.seconds(), null, 0);
            case THRESHOLD -> new ThresholdSpec(ThresholdSpec.Kind.THRESHOLD, track, o.count(), o.seconds(), null, 0);
            case BOTH -> new ThresholdSpec(ThresholdSpec.Kind.BOTH, track, o.count(), o.seconds(), null, 0);
            case BACKOFF -> ThresholdSpec.backoff(track, o.count(), o.multiplier());
        });
    }

    public static void compileDetectionFilter(RuleOption option, RuleBuilder rule) {
        DetectionFilterOption o = (DetectionFilterOption) option;
        if (o.uniqueOn() != null) {
            rule.unsupported("detection_filter unique_on (Suricata 9) is not implemented");
            return;
        }
        rule.threshold(new ThresholdSpec(ThresholdSpec.Kind.DETECTION, track(o.track()), o.count(), o.seconds(),
                null, 0));
    }

    static ThresholdSpec.Track track(ThresholdOption.Track t) {
        return switch (t) {
            case BY_SRC -> ThresholdSpec.Track.SRC;
            case BY_DST -> ThresholdSpec.Track.DST;
            case BY_BOTH -> ThresholdSpec.Track.BOTH;
            case BY_RULE -> ThresholdSpec.Track.RULE;
            case BY_FLOW -> ThresholdSpec.Track.FLOW;
        };
    }
}
