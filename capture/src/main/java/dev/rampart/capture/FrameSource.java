package dev.rampart.capture;

/**
 * A source of frames: a capture file or a live interface. Duty-cycle style: {@link #poll} hands
 * at most {@code limit} frames to the handler and returns how many it delivered; {@code -1} means
 * the source is exhausted (end of file, or closed).
 */
public interface FrameSource extends AutoCloseable {
    int poll(FrameHandler handler, int limit) throws CaptureException;

    /** Counters of this source (received, dropped ...), readable from any thread. */
    CaptureStats stats();

    /** Human-readable name (file path or interface). */
    String name();

    @Override
    void close();
}
