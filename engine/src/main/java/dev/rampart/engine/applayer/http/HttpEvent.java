package dev.rampart.engine.applayer.http;

/**
 * Anomalies of an HTTP transaction, named as Suricata's {@code app-layer-event:http.<name>}
 * (rules/http-events.rules). Stored per transaction as a bit set (fewer than 64 values).
 */
public enum HttpEvent {
    UNKNOWN_ERROR("unknown_error"),
    GZIP_DECOMPRESSION_FAILED("gzip_decompression_failed"),
    REQUEST_FIELD_MISSING_COLON("request_field_missing_colon"),
    RESPONSE_FIELD_MISSING_COLON("response_field_missing_colon"),
    INVALID_REQUEST_CHUNK_LEN("invalid_request_chunk_len"),
    INVALID_RESPONSE_CHUNK_LEN("invalid_response_chunk_len"),
    INVALID_TRANSFER_ENCODING_VALUE_IN_REQUEST("invalid_transfer_encoding_value_in_request"),
    INVALID_TRANSFER_ENCODING_VALUE_IN_RESPONSE("invalid_transfer_encoding_value_in_response"),
    INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST("invalid_content_length_field_in_request"),
    INVALID_CONTENT_LENGTH_FIELD_IN_RESPONSE("invalid_content_length_field_in_response"),
    CONTINUE_100_ALREADY_SEEN("100_continue_already_seen"),
    UNABLE_TO_MATCH_RESPONSE_TO_REQUEST("unable_to_match_response_to_request"),
    INVALID_SERVER_PORT_IN_REQUEST("invalid_server_port_in_request"),
    INVALID_AUTHORITY_PORT("invalid_authority_port"),
    REQUEST_HEADER_INVALID("request_header_invalid"),
    RESPONSE_HEADER_INVALID("response_header_invalid"),
    MISSING_HOST_HEADER("missing_host_header"),
    HOST_HEADER_AMBIGUOUS("host_header_ambiguous"),
    INVALID_REQUEST_FIELD_FOLDING("invalid_request_field_folding"),
    INVALID_RESPONSE_FIELD_FOLDING("invalid_response_field_folding"),
    REQUEST_FIELD_TOO_LONG("request_field_too_long"),
    RESPONSE_FIELD_TOO_LONG("response_field_too_long"),
    REQUEST_SERVER_PORT_TCP_PORT_MISMATCH("request_server_port_tcp_port_mismatch"),
    REQUEST_URI_HOST_INVALID("request_uri_host_invalid"),
    REQUEST_HEADER_HOST_INVALID("request_header_host_invalid"),
    URI_DELIM_NON_COMPLIANT("uri_delim_non_compliant"),
    METHOD_DELIM_NON_COMPLIANT("method_delim_non_compliant"),
    REQUEST_LINE_LEADING_WHITESPACE("request_line_leading_whitespace"),
    TOO_MANY_ENCODING_LAYERS("too_many_encoding_layers"),
    ABNORMAL_CE_HEADER("abnormal_ce_header"),
    REQUEST_HEADER_REPETITION("request_header_repetition"),
    RESPONSE_HEADER_REPETITION("response_header_repetition"),
    RESPONSE_CHUNKED_OLD_PROTO("response_chunked_old_proto"),
    RESPONSE_INVALID_PROTOCOL("response_invalid_protocol"),
    RESPONSE_INVALID_STATUS("response_invalid_status"),
    REQUEST_LINE_INCOMPLETE("request_line_incomplete"),
    DOUBLE_ENCODED_URI("double_encoded_uri"),
    REQUEST_LINE_INVALID("request_line_invalid"),
    REQUEST_BODY_UNEXPECTED("request_body_unexpected"),
    DUPLICATE_CONTENT_LENGTH_FIELD_IN_REQUEST("duplicate_content_length_field_in_request"),
    DUPLICATE_CONTENT_LENGTH_FIELD_IN_RESPONSE("duplicate_content_length_field_in_response"),
    COMPRESSION_BOMB("compression_bomb"),
    REQUEST_CHUNK_EXTENSION("request_chunk_extension"),
    REQUEST_LINE_MISSING_PROTOCOL("request_line_missing_protocol"),
    REQUEST_TOO_MANY_HEADERS("request_too_many_headers"),
    RESPONSE_TOO_MANY_HEADERS("response_too_many_headers"),
    REQUEST_AUTH_UNRECOGNIZED("request_auth_unrecognized");

    private final String suricataName;

    HttpEvent(String suricataName) {
        this.suricataName = suricataName;
    }

    /** The name after {@code http.} in {@code app-layer-event:}. */
    public String suricataName() {
        return suricataName;
    }

    long bit() {
        return 1L << ordinal();
    }
}
