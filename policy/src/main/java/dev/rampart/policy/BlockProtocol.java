package dev.rampart.policy;

/** The transport a block policy drops; {@code ANY} with ports means TCP and UDP. */
public enum BlockProtocol {
    ANY,
    TCP,
    UDP;

    /** nft's {@code meta l4proto} operand, or null when no protocol match is needed. */
    String l4proto(boolean withPorts) {
        return switch (this) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ANY -> withPorts ? "{ tcp, udp }" : null;
        };
    }
}
