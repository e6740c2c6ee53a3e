package dev.rampart.engine.applayer.snmp;

/** SNMP app-layer events ({@code app-layer-event:snmp.NAME}), as Suricata 7 raises them. */
public enum SnmpEvent {
    /** A datagram that does not parse as an SNMP message (raised on the flow's last transaction). */
    MALFORMED_DATA,
    /** A v3 message whose security model is not USM (3). */
    UNKNOWN_SECURITY_MODEL,
    /** A message of another version than the flow's first. */
    VERSION_MISMATCH;
}
