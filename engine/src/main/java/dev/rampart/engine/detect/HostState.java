package dev.rampart.engine.detect;

import dev.rampart.engine.detect.threshold.ThresholdTable;
import dev.rampart.engine.detect.xbits.XbitTable;
import java.util.Arrays;

/**
 * Detection state that Suricata keeps per host and per address pair instead of per flow:
 * threshold/detection_filter/rate_filter counters, hostbits and IP-pair xbits. Workers are
 * flow-affine, so two flows of one host may run on two workers; all workers' detection stages
 * share one instance so that a bit set on one flow is seen by the other and a {@code by_src}
 * limit counts the host's alerts once, not once per worker (Suricata shares these tables too).
 *
 * <p>Only rules with thresholds or xbits touch it: the xbit tables lock themselves per call and
 * the threshold table is used under this object's monitor, uncontended with one worker.
 * {@link #adopt} moves the tables to a new plan once per published plan, whichever worker gets
 * there first.
 */
public final class HostState {
    static final int THRESHOLD_ENTRIES = 1 << 16;
    static final int XBIT_ENTRIES = 1 << 14;

    private DetectionPlan plan;
    private ThresholdTable thresholds;
    private XbitTable hostbits;
    private XbitTable ippairbits;
    private Object reporter;

    public HostState(DetectionPlan plan) {
        this.plan = plan;
        thresholds = new ThresholdTable(THRESHOLD_ENTRIES);
        hostbits = new XbitTable(XBIT_ENTRIES, plan.hostbitCount);
        ippairbits = new XbitTable(XBIT_ENTRIES, plan.ippairbitCount);
    }

    /**
     * Moves to {@code next} if no worker did yet: thresholds start over (their rule-track entries
     * are keyed by evaluation order); host and IP-pair bits stay when the new plan names the same
     * bits, else start over.
     */
    synchronized void adopt(DetectionPlan next) {
        if (plan == next) {
            return;
        }
        DetectionPlan old = plan;
        plan = next;
        thresholds = new ThresholdTable(THRESHOLD_ENTRIES);
        if (!Arrays.equals(old.hostbitNames, next.hostbitNames)) {
            hostbits = new XbitTable(XBIT_ENTRIES, next.hostbitCount);
        }
        if (!Arrays.equals(old.ippairbitNames, next.ippairbitNames)) {
            ippairbits = new XbitTable(XBIT_ENTRIES, next.ippairbitCount);
        }
    }

    synchronized ThresholdTable thresholds() {
        return thresholds;
    }

    synchronized XbitTable hostbits() {
        return hostbits;
    }

    synchronized XbitTable ippairbits() {
        return ippairbits;
    }

    /** True for the first stage that asks: it alone reports these shared counters, so sums over workers stay right. */
    synchronized boolean reportsStats(Object stage) {
        if (reporter == null) {
            reporter = stage;
        }
        return reporter == stage;
    }
}
