package dev.rampart.engine.applayer;

/**
 * One application protocol's parser state for one flow, as the app layer feeds it and detection
 * reads it: in-order bytes per direction in, transactions out. Transactions are parser-owned
 * objects handed out as {@code Object} and read through the protocol's buffer getters; detection
 * tells the session when it no longer needs the oldest ones.
 */
public interface AppSession {
    AppProto proto();

    /** In-order stream bytes (TCP) of one direction. */
    void onData(boolean toServer, byte[] data, int off, int len);

    /** One datagram (UDP). */
    default void onDatagram(boolean toServer, byte[] data, int off, int len) {
        onData(toServer, data, off, len);
    }

    void onGap(boolean toServer, long len);

    /**
     * The bytes {@link #onData} gave for that direction since the last call are one chunk: what one
     * packet's acknowledgement delivered (Suricata hands its parsers such a chunk per call, and some
     * parsers, DCERPC's, read at most one unit per call).
     */
    default void onChunkEnd(boolean toServer) {
    }

    /**
     * The protocol the parser asked the flow to change to (Suricata's
     * AppLayerRequestProtocolChange: HTTP/1 upgraded to HTTP/2), or null.
     */
    default AppProto protocolChangeRequest() {
        return null;
    }

    /**
     * With a change to {@link AppProto#UNKNOWN}: the server port protocol detection takes for the
     * new protocol (Suricata's protodetect_dp: a CONNECT's target port), 0 for the flow's.
     */
    default int protocolChangePort() {
        return 0;
    }

    /**
     * The direction ended: the TCP session closed with every byte of it delivered (Suricata's
     * STREAM_EOF to the parser), or the flow ended. Called once per direction.
     */
    void onEnd(boolean toServer);

    /**
     * The flow ended (before {@link #onEnd} for a direction that had not ended yet): what
     * Suricata's flow-end pseudo packets tell detection, e.g. that an unfinished body is
     * inspected as it is.
     */
    default void onFlowEnd(boolean toServer) {
    }

    /**
     * The flow's state is dropped right after this (its end was inspected and every alert of it
     * written): what the session holds from the thread's pools goes back to them. Nothing is
     * called on the session afterwards.
     */
    default void onFlowDropped() {
    }

    /**
     * Input the parser rejected so far (Suricata's parser returning an error): each new one makes the
     * app layer apply {@code app-layer.error-policy} to the packet that carried it. 0 for parsers that
     * recover from everything.
     */
    default long parseErrors() {
        return 0;
    }

    /** Live transactions, oldest first. */
    int txCount();

    Object tx(int index);

    long txId(Object tx);

    /**
     * The id the next transaction will get (every transaction so far has a smaller one), or -1
     * when the session does not say: lets detection skip a pass in a direction whose every
     * transaction is done in it without looking at them.
     */
    default long txOpened() {
        return -1;
    }

    /** Whether the transaction has a side in that direction (a DNS message has only its own). */
    default boolean txInDirection(Object tx, boolean toServer) {
        return true;
    }

    /**
     * A value that changes whenever the transaction gains something detection could inspect in that
     * direction (progress, body bytes); -1: unknown, inspect every time. Detection skips a
     * transaction whose version has not changed since it last inspected it (Suricata inspects by
     * progress, not by packet).
     */
    default long txVersion(Object tx, boolean toServer) {
        return -1;
    }

    /**
     * A count that grows with every call that can change a transaction (data, gap, end, flow end),
     * or -1 when the session does not keep one. While it stands still, every transaction's
     * {@link #txVersion} stands still too, so detection can skip its per-transaction pass: most
     * packets of a flow (acknowledgements, data the parser buffers) change nothing.
     */
    default long changeCount() {
        return -1;
    }

    /**
     * A count that grows each time the parser finished a unit in that direction after which Suricata's
     * parser asks for raw stream inspection right away (AppLayerParserTriggerRawStreamReassembly:
     * an HTTP request or response, a TLS record); 0 for parsers that never ask.
     */
    default long rawInspectTriggers(boolean toServer) {
        return 0;
    }

    /**
     * Whether the parser asked that the flow's payload be inspected no more (Suricata's
     * APP_LAYER_PARSER_NO_INSPECTION_PAYLOAD: TLS once application data flows; SSH after both
     * NEWKEYS). The packet during which it turns true is inspected as it is; from the next one
     * detection treats the flow's packets as carrying no payload and inspects no more of its raw
     * stream; transactions are still inspected.
     */
    default boolean payloadInspectionOff() {
        return false;
    }

    /**
     * With {@link #payloadInspectionOff}: stream bytes stored but not inspected yet are still inspected
     * when the flow ends (SSH: Suricata stops reassembly, NO_REASSEMBLY, and keeps what it has), rather
     * than dropped (TLS: Suricata disables raw reassembly).
     */
    default boolean inspectsStoredStreamAtEnd() {
        return false;
    }

    /** Whether {@link #rawInspectTriggers} reports Suricata's triggers for this protocol. */
    default boolean triggersRawInspection() {
        return false;
    }

    /** The flow's app-layer frames when rules inspect them, else null. */
    default StreamFrames frames() {
        return null;
    }

    /** Whether the transaction will get no more data in that direction. */
    boolean txComplete(Object tx, boolean toServer);

    /**
     * Whether that side's headers (every buffer but the body) are final; a buffer missing then
     * stays missing (the {@code absent} keyword). Protocols without a body: when complete.
     */
    default boolean txHeadersDone(Object tx, boolean toServer) {
        return txComplete(tx, toServer);
    }

    /**
     * Detection has just inspected the transaction in that direction (after its version changed):
     * what it saw counts as inspected (SMTP: a file's bytes are inspected once, as Suricata's
     * content_inspected tracks them).
     */
    default void txInspected(Object tx, boolean toServer) {
    }

    /** Detection is done with every transaction whose id is below {@code txId} in both directions. */
    void release(long txId);

    /**
     * Appends the EVE app-layer member for an alert on {@code tx} ({@code "http":{...}} ...,
     * without surrounding commas) to {@code out}; returns false when there is none.
     */
    boolean appendEve(Object tx, StringBuilder out);
}
