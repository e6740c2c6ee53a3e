package dev.rampart.engine.detect.mpm;

/**
 * A compiled set of literal patterns that finds, in one pass over a buffer, which of them occur
 * (Suricata's MPM prefilter). Immutable and shareable across threads; all mutable scan state lives
 * in an {@link MpmScratch} per worker.
 */
public interface MultiPatternMatcher extends AutoCloseable {

    /** The implementation, as recorded in serialized form. */
    MpmKind kind();

    int patternCount();

    /** A scratch for one worker thread. */
    MpmScratch newScratch();

    /**
     * Reports to {@code sink} the id of every pattern that occurs in {@code data[off, off+len)},
     * each at most once. Returns how many ids were reported. Bad bounds report nothing.
     *
     * @param scratch a scratch made by this matcher's {@link #newScratch()}
     */
    int scan(byte[] data, int off, int len, MatchSink sink, MpmScratch scratch);

    /** The compiled form, readable by {@link MultiPatternMatchers#deserialize(byte[])}. */
    byte[] serialize();

    /** Frees native memory, if any. */
    @Override
    default void close() {
    }
}
