package dev.rampart.engine.flow;

/** Why a flow left the table (EVE {@code flow.reason}). */
public enum FlowEndReason {
    /** Idle longer than its state's timeout. */
    TIMEOUT("timeout"),
    /** Reused for a new flow because the table was full. */
    FORCED("forced"),
    /** End of input: the final flush. */
    SHUTDOWN("shutdown");

    private final String eveName;

    FlowEndReason(String eveName) {
        this.eveName = eveName;
    }

    public String eveName() {
        return eveName;
    }
}
