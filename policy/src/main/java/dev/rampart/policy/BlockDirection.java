package dev.rampart.policy;

/** Which traffic a block policy drops, seen from the host that applies it. */
public enum BlockDirection {
    /** From the listed addresses: input and forward chains match the source address. */
    INBOUND,
    /** To the listed addresses: output and forward chains match the destination address. */
    OUTBOUND,
    /** Both of the above. */
    BOTH;

    public boolean inbound() {
        return this != OUTBOUND;
    }

    public boolean outbound() {
        return this != INBOUND;
    }
}
