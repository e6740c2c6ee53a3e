package dev.rampart.engine.detect.threshold;

import dev.rampart.rules.Action;

/**
 * One rate control attached to a rule (Suricata's DetectThresholdData): from the rule's
 * {@code threshold} / {@code detection_filter} keyword or from a threshold.config
 * {@code threshold}, {@code event_filter} or {@code rate_filter} line. Immutable, shared by workers;
 * the counters live in each worker's {@link ThresholdTable}.
 */
public final class ThresholdSpec {
    /** What the counter decides. */
    public enum Kind {
        /** Alert on the first {@code count} matches per window, then silently. */
        LIMIT,
        /** Alert on every {@code count}-th match within the window. */
        THRESHOLD,
        /** Alert once, on the {@code count}-th match in the window. */
        BOTH,
        /** {@code detection_filter}: alert on every match after the first {@code count} in the window. */
        DETECTION,
        /** {@code rate_filter}: past {@code count} matches the alert takes {@link #newAction} for {@link #timeout} s. */
        RATE
    }

    /** Whose counter: the source host, the destination host, the address pair, the rule, the flow. */
    public enum Track { SRC, DST, BOTH, RULE, FLOW }

    final Kind kind;
    final Track track;
    final long count;
    final long windowNanos;
    final Action newAction;
    final long timeoutSeconds;

    public ThresholdSpec(Kind kind, Track track, long count, long seconds, Action newAction, long timeoutSeconds) {
        this.kind = kind;
        this.track = track;
        this.count = count;
        this.windowNanos = seconds * 1_000_000_000L;
        this.newAction = newAction;
        this.timeoutSeconds = timeoutSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public Track track() {
        return track;
    }

    public long count() {
        return count;
    }

    @Override
    public String toString() {
        return kind + "/" + track + " count " + count + " seconds " + windowNanos / 1_000_000_000L;
    }
}
