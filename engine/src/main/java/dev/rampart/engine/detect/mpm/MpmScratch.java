package dev.rampart.engine.detect.mpm;

/**
 * Per-worker mutable scan state of one matcher (dedup stamps, native scratch, copy buffer). A
 * scratch belongs to the matcher that made it and to one thread at a time; it is made once per
 * worker so that a scan allocates nothing.
 */
public interface MpmScratch extends AutoCloseable {
    /** Frees native memory, if any; the scratch is unusable afterwards. */
    @Override
    void close();
}
