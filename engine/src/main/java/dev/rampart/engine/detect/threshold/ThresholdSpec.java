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
        RATE,
        /**
         * Suricata 8's {@code type backoff} (by_flow only): alert on the {@code count}-th match, then on
         * the {@code count * multiplier}-th, {@code count * multiplier^2}-th and so on; the other
         * matches keep the rule's actions but are not logged.
         */
        BACKOFF
    }

    /** Whose counter: the source host, the destination host, the address pair, the rule, the flow. */
    public enum Track { SRC, DST, BOTH, RULE, FLOW }

    final Kind kind;
    final Track track;
    final long count;
    final long windowNanos;
    final Action newAction;
    final long timeoutSeconds;
    /** {@link Kind#BACKOFF}: the factor between alerting match numbers; 0 otherwise. */
    final long multiplier;
    /**
     * {@link Kind#BACKOFF} has no window: its counter lives with the flow (Suricata keeps it in the
     * flow's storage). Here it lives while the rule keeps matching in the flow, and an hour of packet
     * time past its last match, by when an idle flow has timed out under any default timeout.
     */
    static final long BACKOFF_IDLE_SECONDS = 3600;

    public ThresholdSpec(Kind kind, Track track, long count, long seconds, Action newAction, long timeoutSeconds) {
        this(kind, track, count, seconds, newAction, timeoutSeconds, 0);
    }

    private ThresholdSpec(Kind kind, Track track, long count, long seconds, Action newAction, long timeoutSeconds,
            long multiplier) {
        this.kind = kind;
        this.track = track;
        this.count = count;
        this.windowNanos = seconds * 1_000_000_000L;
        this.newAction = newAction;
        this.timeoutSeconds = timeoutSeconds;
        this.multiplier = multiplier;
    }

    /** {@code threshold: type backoff, track by_flow, count C, multiplier M} ({@code count} > 0, {@code multiplier} > 1). */
    public static ThresholdSpec backoff(Track track, long count, long multiplier) {
        if (count < 1 || multiplier < 2) {
            throw new IllegalArgumentException("backoff needs count > 0 and multiplier > 1");
        }
        return new ThresholdSpec(Kind.BACKOFF, track, count, BACKOFF_IDLE_SECONDS, null, 0, multiplier);
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
        return kind + "/" + track + " count " + count
                + (kind == Kind.BACKOFF ? " multiplier " + multiplier : " seconds " + windowNanos / 1_000_000_000L);
    }
}
