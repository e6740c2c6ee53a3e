package dev.rampart.engine.applayer.tls;

/** Suricata's {@code tls.*} app-layer event names (app-layer-events keyword), counted per flow. */
public enum TlsEvent {
    INVALID_SSLV2_HEADER,
    INVALID_TLS_HEADER,
    INVALID_RECORD_VERSION,
    INVALID_RECORD_TYPE,
    INVALID_RECORD_LENGTH,
    INVALID_HANDSHAKE_MESSAGE,
    HANDSHAKE_INVALID_LENGTH,
    HEARTBEAT_MESSAGE,
    MULTIPLE_SNI_EXTENSIONS,
    INVALID_SNI_TYPE,
    INVALID_SNI_LENGTH,
    TOO_MANY_RECORDS_IN_PACKET,
    INVALID_CERTIFICATE,
    CERTIFICATE_INVALID_LENGTH,
    CERTIFICATE_INVALID_VERSION,
    CERTIFICATE_INVALID_SERIAL,
    CERTIFICATE_INVALID_ALGORITHMIDENTIFIER,
    CERTIFICATE_INVALID_X509NAME,
    CERTIFICATE_INVALID_DATE,
    CERTIFICATE_INVALID_EXTENSIONS,
    CERTIFICATE_INVALID_DER,
    CERTIFICATE_INVALID_SUBJECT,
    CERTIFICATE_INVALID_ISSUER,
    CERTIFICATE_INVALID_VALIDITY,
    ERROR_MESSAGE_ENCOUNTERED,
    /** Not a Suricata event: a handshake message over our reassembly bound (a counted limit). */
    HANDSHAKE_LIMIT_REACHED;

    /** The keyword form, e.g. {@code tls.invalid_record_type}. */
    public String keyword() {
        return "tls." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
