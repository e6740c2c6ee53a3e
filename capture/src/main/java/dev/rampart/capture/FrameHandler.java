package dev.rampart.capture;

/** Receives frames from a {@link FrameSource}; must not keep the frame after returning. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(Frame frame);
}
