package dev.rampart.engine.stream;

/** Stream engine anomalies, named as Suricata's {@code stream.*} events. */
public enum StreamEvent {
    SYN_WITH_DATA_NOT_ACKED("stream.3whs_syn_data_not_acked"),
    SYNACK_WITH_WRONG_ACK("stream.3whs_synack_with_wrong_ack"),
    SYN_RESEND_DIFF_SEQ("stream.3whs_syn_resend_diff_seq_on_syn_recv"),
    ACK_IN_WRONG_DIR("stream.3whs_ack_in_wrong_dir"),
    EST_PACKET_OUT_OF_WINDOW("stream.est_packet_out_of_window"),
    PKT_RETRANSMISSION("stream.pkt_retransmission"),
    RST_BUT_NO_SESSION("stream.rst_but_no_session"),
    FIN_BUT_NO_SESSION("stream.fin_but_no_session"),
    RST_INVALID("stream.rst_invalid"),
    FIN_OUT_OF_WINDOW("stream.fin_out_of_window"),
    PKT_INVALID_ACK("stream.pkt_invalid_ack"),
    REASSEMBLY_SEGMENT_BEFORE_BASE_SEQ("stream.reassembly_segment_before_base_seq"),
    REASSEMBLY_OVERLAP_DIFFERENT_DATA("stream.reassembly_overlap_different_data"),
    REASSEMBLY_SEQ_GAP("stream.reassembly_seq_gap"),
    REASSEMBLY_DEPTH_REACHED("stream.reassembly_depth_reached"),
    INVALID_CHECKSUM("stream.invalid_checksum");

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
