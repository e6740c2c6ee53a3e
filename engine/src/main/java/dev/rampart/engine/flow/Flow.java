package dev.rampart.engine.flow;

/**
 * One bidirectional flow, preallocated and recycled by {@link FlowTable}. The key is stored in
 * client-to-server orientation: {@code src*} is the client. Counters are per direction. The
 * {@code protoState}, {@code appState} and {@code detectState} slots belong to later stages
 * (TCP session, app-layer parser state, detection state) and are cleared on recycling.
 */
public final class Flow {
    final int slot;
    int bucket = -1;
    /** Next flow in the same hash bucket (FlowTable's chain), or null. */
    Flow chainNext;
    /** Packet time of the last move to the tail of the least-recently-seen list. */
    long lruStamp = Long.MIN_VALUE;
    boolean inUse;

    // ---- key (client to server)
    public int ipVersion;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    public int ipProto;
    public int vlan0;
    public int vlan1;
    public int hash;

    public long flowId;
    public int state;
    int protoIndex;
    public long firstSeenNanos;
    public long lastSeenNanos;
    public long pktsToServer;
    public long pktsToClient;
    public long bytesToServer;
    public long bytesToClient;
    /**
     * True once the direction was swapped after creation (TCP midstream SYN/ACK pickup, or
     * {@link #reverse()} when protocol detection turned a midstream session around).
     */
    public boolean reversed;

    /** TCP session (engine.stream) or other L4 state. */
    /** Whether the flow is analysed under the traffic scope ({@link dev.rampart.engine.scope.TrafficScope}: undecided, in, out). */
    public byte scope;
    public Object protoState;
    public Object appState;
    public Object detectState;

    Flow(int slot) {
        this.slot = slot;
    }

    /** A flow outside any table (for deciding things about a flow in tests and tools). */
    public static Flow detached() {
        return new Flow(-1);
    }

    public boolean seenBothDirections() {
        return pktsToServer > 0 && pktsToClient > 0;
    }

    /**
     * Swaps client and server: the first packet was a reply (a SYN/ACK picked up midstream). Only
     * the key orientation and counters change; the bucket stays the same (the hash is symmetric).
     */
    public void swapDirection() {
        long t = srcHi;
        srcHi = dstHi;
        dstHi = t;
        t = srcLo;
        srcLo = dstLo;
        dstLo = t;
        int p = srcPort;
        srcPort = dstPort;
        dstPort = p;
        t = pktsToServer;
        pktsToServer = pktsToClient;
        pktsToClient = t;
        t = bytesToServer;
        bytesToServer = bytesToClient;
        bytesToClient = t;
        reversed = !reversed;
    }

    /**
     * Turns an established flow around, as Suricata's FlowSwap after protocol detection found a
     * midstream session's first bytes going to the client: the key, the counters and every
     * stage's per-direction state swap sides, so later packets get the other direction.
     */
    public void reverse() {
        swapDirection();
        swapState(protoState);
        swapState(appState);
        swapState(detectState);
    }

    private static void swapState(Object state) {
        if (state instanceof DirectionalState d) {
            d.swapDirections();
        }
    }

    void clear() {
        state = FlowState.NEW;
        flowId = 0;
        firstSeenNanos = lastSeenNanos = 0;
        pktsToServer = pktsToClient = bytesToServer = bytesToClient = 0;
        reversed = false;
        lruStamp = Long.MIN_VALUE;
        protoState = appState = detectState = null;
        scope = 0;
    }

    @Override
    public String toString() {
        return "Flow[id=" + flowId + " proto=" + ipProto + " " + srcPort + "->" + dstPort
                + " state=" + FlowState.name(state) + "]";
    }
}
