package dev.rampart.engine.applayer.dns;

/** Suricata 7's {@code dns.*} app-layer event names, counted per flow. */
public enum DnsEvent {
    MALFORMED_DATA,
    NOT_A_REQUEST,
    NOT_A_RESPONSE,
    Z_FLAG_SET,
    /** Not a Suricata event: a record or name bound of ours was hit (counted, parsing went on). */
    RECORD_LIMIT_REACHED;

    public String keyword() {
        return "dns." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
