package dev.rampart.perf.gen;

/** A conversation that writes its packets one at a time, so that many of them interleave in time. */
interface Conversation {
    /**
     * Writes this conversation's next packet with timestamp {@code tsMicros}.
     *
     * @return whether more packets follow (false after the last one)
     */
    boolean step(FrameWriter w, long tsMicros);

    /** The capture is nearly full: finish what is under way and start nothing new. */
    default void windDown() {
    }

    /** Payload bytes of the message under way still to be sent (0 if none). */
    default long bytesUnderWay() {
        return 0;
    }
}
