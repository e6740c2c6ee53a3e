package dev.rampart.engine.stream;

import dev.rampart.engine.flow.Flow;

/**
 * Receives reassembled, in-order stream bytes of one direction. The app layer and raw stream
 * inspection each have one, with their own progress pointer. The array is only valid during the
 * call (it is pooled segment storage).
 */
public interface StreamConsumer {
    /**
     * Bytes {@code data[offset, offset+length)} sit at {@code streamOffset} of the direction's
     * stream (0 = first byte after the SYN). Returns how many were consumed; fewer than
     * {@code length} pauses delivery, and the rest is offered again later.
     */
    int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset);

    /** {@code length} bytes at {@code streamOffset} are missing for good; delivery resumes after them. */
    void onGap(Flow flow, boolean toServer, long streamOffset, long length);

    /**
     * One delivery of that direction is over: the {@link #onData} calls since the last one are the
     * bytes one packet made deliverable (a chunk, as Suricata's app layer hands to a parser).
     */
    default void onDeliveryEnd(Flow flow, boolean toServer) {
    }

    /**
     * The direction ended: every in-order byte up to its FIN (or RST) was delivered and the TCP
     * session closed (Suricata's STREAM_EOF). Called at most once per direction, on the packet that
     * closed the session; not called at flow end (the flow-end listeners cover that).
     */
    default void onEnd(Flow flow, boolean toServer) {
    }

    /** Consumer that takes everything and keeps nothing. */
    StreamConsumer DISCARD = new StreamConsumer() {
        @Override
        public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
            return length;
        }

        @Override
        public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
        }
    };
}
