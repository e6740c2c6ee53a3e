package dev.rampart.engine.applayer.ike;

/** IKE app-layer events ({@code app-layer-event:ike.NAME}), Suricata 7's list. */
public enum IkeEvent {
    MALFORMED_DATA,
    NO_ENCRYPTION,
    WEAK_CRYPTO_ENC,
    WEAK_CRYPTO_PRF,
    WEAK_CRYPTO_DH,
    WEAK_CRYPTO_AUTH,
    WEAK_CRYPTO_NO_DH,
    WEAK_CRYPTO_NO_AUTH,
    INVALID_PROPOSAL,
    UNKNOWN_PROPOSAL,
    PAYLOAD_EXTRA_DATA,
    MULTIPLE_SERVER_PROPOSAL;
}
