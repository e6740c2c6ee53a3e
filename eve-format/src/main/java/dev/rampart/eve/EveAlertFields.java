package dev.rampart.eve;

/**
 * Bounds and names of EVE alert fields that the engine's alert event and the alert journal's
 * record both carry: the journal stores {@code pkt_src} as an index into {@link #PKT_SRC_NAMES},
 * which is therefore part of the journal's schema.
 */
public final class EveAlertFields {
    /** VLAN ids an alert keeps (Suricata logs up to three). */
    public static final int MAX_VLANS = 3;

    /** Suricata 7's {@code pkt_src} names (PktSrcToString), in the engine's order. */
    public static final String[] PKT_SRC_NAMES = {"wire/pcap", "gre tunnel", "ipv4 tunnel", "ipv6 tunnel",
        "teredo tunnel", "vxlan encapsulation", "geneve encapsulation", "defrag", "stream (detect/log)",
        "stream (flow timeout)", "capture timeout flush", "shutdown flush"};

    private EveAlertFields() {
    }
}
