package dev.rampart.capture;

/** Receives frames from a {@link FrameSource}; must not keep the frame after returning. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(Frame frame);

    /**
     * {@code frames} records of the source were read for other handlers and not handed over (a
     * capture-file fanout reader's frames of other workers), between the frames around this call.
     */
    default void onSkipped(int frames) {
    }
}
