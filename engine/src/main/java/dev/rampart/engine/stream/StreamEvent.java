package dev.rampart.engine.stream;

/**
 * Stream engine anomalies, named as Suricata 7's {@code stream.*} events (the names its
 * {@code stream-event} rule keyword accepts), except where noted.
 */
public enum StreamEvent {
    /** The SYN/ACK did not acknowledge the data on the SYN (TCP Fast Open data ignored). */
    SYNACK_TFO_DATA_IGNORED("stream.3whs_synack_tfo_data_ignored"),
    SYNACK_WITH_WRONG_ACK("stream.3whs_synack_with_wrong_ack"),
    SYN_RESEND_DIFF_SEQ("stream.3whs_syn_resend_diff_seq_on_syn_recv"),
    /** More SYNs with new sequence numbers in SYN_SENT than {@code stream.max-syn-queued}. */
    SYN_FLOOD("stream.3whs_syn_flood"),
    ACK_IN_WRONG_DIR("stream.3whs_ack_in_wrong_dir"),
    FOURWHS_SYNACK_WITH_WRONG_ACK("stream.4whs_synack_with_wrong_ack"),
    FOURWHS_INVALID_ACK("stream.4whs_invalid_ack"),
    EST_PACKET_OUT_OF_WINDOW("stream.est_packet_out_of_window"),
    PKT_RETRANSMISSION("stream.pkt_retransmission"),
    RST_BUT_NO_SESSION("stream.rst_but_no_session"),
    FIN_BUT_NO_SESSION("stream.fin_but_no_session"),
    /** An RST whose ACK acknowledges data never sent. */
    RST_INVALID_ACK("stream.rst_invalid_ack"),
    /**
     * An RST whose sequence number the receiver's OS would not accept. Rampart-only: Suricata
     * drops such RSTs without an event.
     */
    RST_INVALID_SEQ("stream.rst_invalid_seq"),
    /** The sender of an accepted RST kept talking: the RST looks injected, the session goes on. */
    SUSPECTED_RST_INJECT("stream.suspected_rst_inject"),
    FIN_OUT_OF_WINDOW("stream.fin_out_of_window"),
    FIN_SYN("stream.fin_syn"),
    PKT_INVALID_ACK("stream.pkt_invalid_ack"),
    /** A server packet in SYN_SENT echoes a timestamp the client never sent. */
    PKT_INVALID_TIMESTAMP("stream.pkt_invalid_timestamp"),
    REASSEMBLY_SEGMENT_BEFORE_BASE_SEQ("stream.reassembly_segment_before_base_seq"),
    REASSEMBLY_OVERLAP_DIFFERENT_DATA("stream.reassembly_overlap_different_data"),
    REASSEMBLY_SEQ_GAP("stream.reassembly_seq_gap"),
    REASSEMBLY_DEPTH_REACHED("stream.reassembly_depth_reached");

    private final String eventName;

    StreamEvent(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }

    long bit() {
        return 1L << ordinal();
    }
}
