package dev.rampart.engine.flow;

/**
 * Told about every flow just before its slot is recycled: the place to flush stream state,
 * log the EVE flow record and release per-flow state. The flow must not be kept after return.
 */
@FunctionalInterface
public interface FlowEndListener {
    FlowEndListener NONE = (flow, reason) -> { };

    void onFlowEnd(Flow flow, FlowEndReason reason);
}
