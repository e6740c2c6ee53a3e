package dev.rampart.capture;

import java.nio.ByteBuffer;

/**
 * Which worker a frame belongs to (a pipeline's flow affinity), from the frame's bytes. A
 * {@code capture.file.FileFanout} asks it once per record of a capture file, so that its readers
 * need not read the records that are not theirs.
 */
@FunctionalInterface
public interface FrameOwner {
    int ownerOf(ByteBuffer buffer, int offset, int length, int linkType);
}
