package dev.rampart.engine.detect;

/**
 * Where a rule reload publishes the next {@link DetectionPlan} for every worker. A worker's
 * {@link DetectStage} reads it once per packet (one volatile read) and, when it changed, moves to
 * the new plan before inspecting that packet: the swap happens between packets, on the worker's
 * own thread, so no lock is taken on the packet path. The plan is built, off the packet path,
 * before it is published.
 */
public final class PlanSwitch {
    private volatile DetectionPlan plan;
    private volatile long generation;

    public PlanSwitch(DetectionPlan initial) {
        this.plan = initial;
        this.generation = 1;
    }

    /** The plan workers should run. */
    public DetectionPlan plan() {
        return plan;
    }

    /** 1 for the initial plan, +1 for each published one. */
    public long generation() {
        return generation;
    }

    /** Makes {@code next} the plan of every worker from its next packet on; returns its generation. */
    public synchronized long publish(DetectionPlan next) {
        if (next == null) {
            throw new IllegalArgumentException("plan is null");
        }
        generation++;
        plan = next;
        return generation;
    }
}
