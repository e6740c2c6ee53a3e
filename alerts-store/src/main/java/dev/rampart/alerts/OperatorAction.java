package dev.rampart.alerts;

/** An audit entry: who did what to which target, and when (wall-clock nanoseconds). */
public final class OperatorAction {
    public long timestampNanos;
    /** The operator's login name. */
    public final StringBuilder actor = new StringBuilder(16);
    /** What was done, a short verb such as {@code mask}, {@code unmask}, {@code rule-off}, {@code block}. */
    public final StringBuilder action = new StringBuilder(16);
    /** What it was done to, e.g. {@code sid:2019401}, {@code incident:17}, {@code host:10.0.0.5}. */
    public final StringBuilder target = new StringBuilder(32);
    /** Free text: a reason, the generated policy name... */
    public final StringBuilder detail = new StringBuilder(32);

    public OperatorAction clear() {
        timestampNanos = 0;
        actor.setLength(0);
        action.setLength(0);
        target.setLength(0);
        detail.setLength(0);
        return this;
    }

    public OperatorAction set(long timestampNanos, String actor, String action, String target, String detail) {
        this.timestampNanos = timestampNanos;
        AlertRecord.set(this.actor, actor);
        AlertRecord.set(this.action, action);
        AlertRecord.set(this.target, target);
        AlertRecord.set(this.detail, detail);
        return this;
    }

    @Override
    public String toString() {
        return "action " + actor + " " + action + " " + target + (detail.length() > 0 ? " (" + detail + ")" : "");
    }
}
