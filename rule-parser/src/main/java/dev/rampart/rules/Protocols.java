package dev.rampart.rules;

import java.util.Set;

/** Protocol words a rule header may use (Suricata 7/8 packet and app-layer protocols). */
public final class Protocols {
    private Protocols() {
    }

    public static final Set<String> PACKET = Set.of(
            "ip", "ipv4", "ip4", "ipv6", "ip6", "tcp", "udp", "icmp", "icmpv4", "icmpv6", "sctp",
            "pkthdr", "tcp-pkt", "tcp-stream", "udp-pkt");

    public static final Set<String> APP_LAYER = Set.of(
            "http", "http1", "http2", "ftp", "ftp-data", "smtp", "tls", "ssh", "imap", "pop3", "smb",
            "dcerpc", "dns", "modbus", "enip", "dnp3", "nfs", "ntp", "tftp", "ike", "ikev2", "krb5",
            "dhcp", "snmp", "sip", "rfb", "mqtt", "rdp", "pgsql", "telnet", "quic", "bittorrent-dht",
            "websocket", "ldap", "doh2", "mdns", "template", "http-any", "failed");

    public static boolean isKnown(String proto) {
        return PACKET.contains(proto) || APP_LAYER.contains(proto);
    }

    public static boolean isAppLayer(String proto) {
        return APP_LAYER.contains(proto);
    }
}
