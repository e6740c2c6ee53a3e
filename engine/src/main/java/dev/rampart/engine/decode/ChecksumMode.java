package dev.rampart.engine.decode;

/**
 * Checksum validation, as Suricata's {@code -k all|none}. With {@link #ALL} the decoder verifies
 * the IPv4 header checksum and the TCP, UDP, ICMPv4 and ICMPv6 checksums (pseudo-header included)
 * and sets {@link Packet#ipChecksumBad} / {@link Packet#l4ChecksumBad}. Suricata has no decoder
 * counter for bad checksums: the stream engine drops TCP packets with a bad checksum and counts
 * {@code tcp.invalid_checksum}; the other protocols only expose it to rule keywords
 * ({@code ipv4-csum}, {@code udpv4-csum} ...).
 */
public enum ChecksumMode {
    ALL,
    NONE;

    public static ChecksumMode parse(String s) {
        return switch (s) {
            case "all", "yes" -> ALL;
            case "none", "no" -> NONE;
            default -> throw new IllegalArgumentException("checksum mode must be all or none: " + s);
        };
    }
}
