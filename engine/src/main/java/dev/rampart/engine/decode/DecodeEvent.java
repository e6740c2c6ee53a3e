package dev.rampart.engine.decode;

/**
 * Decoder anomalies, named as Suricata's decoder events ({@code decoder.ipv4.pkt_too_small}
 * ...): {@link #statName()} gives the stats counter name. Malformed input becomes one of these,
 * never an exception. The decode engineer extends this list.
 */
public enum DecodeEvent {
    ETHERNET_PKT_TOO_SMALL("ethernet.pkt_too_small"),
    VLAN_HEADER_TOO_SMALL("vlan.header_too_small"),
    VLAN_UNKNOWN_TYPE("vlan.unknown_type"),
    VLAN_TOO_MANY_LAYERS("vlan.too_many_layers"),
    IPV4_PKT_TOO_SMALL("ipv4.pkt_too_small"),
    IPV4_HLEN_TOO_SMALL("ipv4.hlen_too_small"),
    IPV4_IPLEN_SMALLER_THAN_HLEN("ipv4.iplen_smaller_than_hlen"),
    IPV4_TRUNC_PKT("ipv4.trunc_pkt"),
    IPV4_WRONG_IP_VER("ipv4.wrong_ip_version"),
    IPV6_PKT_TOO_SMALL("ipv6.pkt_too_small"),
    IPV6_TRUNC_PKT("ipv6.trunc_pkt"),
    IPV6_WRONG_IP_VER("ipv6.wrong_ip_version"),
    TCP_PKT_TOO_SMALL("tcp.pkt_too_small"),
    TCP_HLEN_TOO_SMALL("tcp.hlen_too_small"),
    TCP_INVALID_OPTLEN("tcp.invalid_optlen"),
    UDP_PKT_TOO_SMALL("udp.pkt_too_small"),
    UDP_HLEN_INVALID("udp.hlen_invalid"),
    ICMPV4_PKT_TOO_SMALL("icmpv4.pkt_too_small"),
    ICMPV6_PKT_TOO_SMALL("icmpv6.pkt_too_small");

    private final String name;

    DecodeEvent(String name) {
        this.name = name;
    }

    /** Suricata's event name without the {@code decoder.} prefix, e.g. {@code ipv4.trunc_pkt}. */
    public String eventName() {
        return name;
    }

    /** Stats counter name, e.g. {@code decoder.event.ipv4.trunc_pkt}. */
    public String statName() {
        return "decoder.event." + name;
    }
}
