package dev.rampart.engine.detect;

import dev.rampart.rules.Action;
import dev.rampart.rules.config.ThresholdConfig;
import java.util.List;

/**
 * Configuration the plan takes besides the rules: the threshold.config entries (or null),
 * Suricata's {@code action-order} (or null for the default pass, drop, reject, alert) and the
 * {@code geoip-database} file the geoip keyword reads (or null), and the features
 * ({@code requires: feature X}) the configuration turned off (the TLS parser's {@code ja3} / {@code ja4}
 * with {@code app-layer.protocols.tls.ja3-fingerprints / ja4-fingerprints: no}).
 */
public record DetectSettings(ThresholdConfig thresholds, List<Action> actionOrder, java.nio.file.Path geoipDatabase,
                             java.util.Set<String> featuresOff) {
    public static final DetectSettings DEFAULT = new DetectSettings(null, null);

    public DetectSettings {
        featuresOff = featuresOff == null ? java.util.Set.of() : java.util.Set.copyOf(featuresOff);
    }

    public DetectSettings(ThresholdConfig thresholds, List<Action> actionOrder) {
        this(thresholds, actionOrder, null);
    }

    public DetectSettings(ThresholdConfig thresholds, List<Action> actionOrder, java.nio.file.Path geoipDatabase) {
        this(thresholds, actionOrder, geoipDatabase, null);
    }

    /** Rank of an action in the evaluation order; reject variants rank as reject. */
    int rank(Action a) {
        if (actionOrder == null || actionOrder.isEmpty()) {
            return DetectionPlan.actionRank(a);
        }
        Action base = switch (a) {
            case REJECTSRC, REJECTDST, REJECTBOTH -> Action.REJECT;
            default -> a;
        };
        int i = actionOrder.indexOf(base);
        return i < 0 ? actionOrder.size() : i;
    }
}
