package dev.rampart.engine.applayer.rfb;

/** RFB app-layer events ({@code app-layer-event:rfb.NAME}), raised on the flow's transaction as Suricata 7 does. */
public enum RfbEvent {
    /** A security type the handshake parser does not follow (neither None nor VNC authentication). */
    UNIMPLEMENTED_SECURITY_TYPE,
    /** A security result other than OK (0) or failed (1). */
    UNKNOWN_SECURITY_RESULT,
    /** A message that could not be read (a failure reason that is no UTF-8). */
    MALFORMED_MESSAGE,
    /** Bytes came in a direction the handshake did not expect then. */
    CONFUSED_STATE;
}
