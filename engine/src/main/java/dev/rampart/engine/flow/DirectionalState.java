package dev.rampart.engine.flow;

/**
 * Per-direction state a stage keeps on a {@link Flow} ({@code protoState}, {@code appState},
 * {@code detectState}): {@link Flow#reverse()} tells it client and server changed places.
 */
public interface DirectionalState {
    /** Swaps everything kept for the to-server side with what is kept for the to-client side. */
    void swapDirections();
}
