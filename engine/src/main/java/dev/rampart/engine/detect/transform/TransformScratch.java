package dev.rampart.engine.detect.transform;

/** Two growable buffers per worker that a transform chain ping-pongs between. */
public final class TransformScratch {
    private final byte[][] buffers = {new byte[4096], new byte[4096]};

    byte[] buffer(int which, int capacity) {
        if (buffers[which].length < capacity) {
            buffers[which] = new byte[Math.max(capacity, buffers[which].length * 2)];
        }
        return buffers[which];
    }
}
