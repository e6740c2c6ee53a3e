package dev.rampart.engine.stream;

/** Settings of Suricata's {@code stream:} section that the tracker and reassembler use. */
public final class StreamConfig {
    /** Accounted size of one session (both halves), for {@code stream.memcap}. */
    public static final int SESSION_BYTES = 384;
    /** Accounted bookkeeping per segment on top of its data capacity. */
    public static final int SEGMENT_OVERHEAD = 64;

    /** {@code stream.memcap}: session memory, 64 MiB by default. */
    public long memcap = 64L * 1024 * 1024;
    /** {@code stream.reassembly.memcap}: segment memory, 256 MiB by default. */
    public long reassemblyMemcap = 256L * 1024 * 1024;
    /** {@code stream.reassembly.depth} in bytes per direction; 0 = unlimited. */
    public long depth = 1024 * 1024;
    /** {@code stream.midstream}: pick up sessions without a 3-way handshake. */
    public boolean midstream;
    /** {@code stream.inline} (IPS): app-layer data is parsed on arrival instead of when ACKed. */
    public boolean inline;
    /** {@code stream.async-oneside}: a SYN/ACK without a SYN seen starts a session, as with midstream. */
    public boolean asyncOneside;
    /**
     * A fail-closed {@code stream.midstream-policy} (drop-flow, drop-packet, reject) in IPS mode:
     * Suricata drops a flow picked up without its SYN; such a flow is not tracked here.
     */
    public boolean midstreamFailClosed;
    /** {@code stream.max-syn-queued}: SYNs with new sequence numbers a SYN_SENT session takes quietly. */
    public int maxSynQueued = 10;
    /** {@code stream.reassembly.check-overlap-different-data}: raise the event and count. */
    public boolean checkOverlapDifferentData;
    /** Drop packets with a bad TCP checksum from stream handling ({@code stream.checksum-validation}). */
    public boolean checksumValidation = true;
    /** Data capacity of the smallest pooled segment class (larger payloads use 16/64 KiB segments). */
    public int segmentSize = 2048;
    /** Overlap policy of hosts without a {@link #hostPolicy} entry ({@code host-os-policy} default). */
    public OsPolicy defaultPolicy = OsPolicy.BSD;
    /** Receiver-address to policy lookup (the {@code host-os-policy} table); null = default for all. */
    public HostPolicyLookup hostPolicy;

    /** Host OS policy lookup by the receiving host's address (128-bit, IPv4 in the low word). */
    @FunctionalInterface
    public interface HostPolicyLookup {
        /** Returns the policy or null when the host has none. */
        OsPolicy policyFor(long addrHi, long addrLo);
    }

    public int maxSessions() {
        return (int) Math.max(1, Math.min(memcap / SESSION_BYTES, 1 << 26));
    }

    /** Memory-accounted size of one smallest-class segment. */
    public long smallSegmentCost() {
        return (long) segmentSize + SEGMENT_OVERHEAD;
    }
}
