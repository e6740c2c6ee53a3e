package dev.rampart.capture;

import java.nio.ByteBuffer;

/**
 * The key a frame's flow affinity sticks to (a pipeline's address-pair hash): every frame with the
 * same key must go to the same worker. A {@code capture.file.FileFanout} that balances its readers
 * asks it once per record and gives each key it has not seen yet to the reader with the least
 * work waiting.
 */
@FunctionalInterface
public interface FrameKey {
    /** {@link #keyOf}'s answer for a frame without a key (not IP, too short): it goes to worker 0. */
    long NONE = Long.MIN_VALUE;

    long keyOf(ByteBuffer buffer, int offset, int length, int linkType);
}
