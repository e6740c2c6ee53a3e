package dev.rampart.perf.gen;

/**
 * One end of a conversation as it appears on the wire: its IPv4 address, the MAC address its
 * frames carry at the capture point (a client's own NIC, or the gateway for a remote server) and
 * the TTL its packets arrive with.
 */
final class Peer {
    final int ip;
    final long mac;
    final int ttl;

    Peer(int ip, long mac, int ttl) {
        this.ip = ip;
        this.mac = mac;
        this.ttl = ttl;
    }

    static String ipString(int ip) {
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }
}
