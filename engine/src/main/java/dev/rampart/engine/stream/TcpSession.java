package dev.rampart.engine.stream;

/** TCP session of one flow (pooled): state plus the client and server halves. */
public final class TcpSession implements dev.rampart.engine.flow.DirectionalState {
    public int state;
    /** State before the last change (an injected RST is undone to it). */
    int prevState;
    boolean closedByRst;
    /** Both SYN and SYN/ACK carried TCP timestamps. */
    boolean timestamps;
    /** Split handshake: the server answered the SYN with its own SYN (Suricata's 4WHS). */
    boolean fourWhs;
    /** Picked up without a 3-way handshake. */
    public boolean midstream;
    /** Picked up from a SYN/ACK (Suricata's STREAMTCP_FLAG_MIDSTREAM_SYNACK): never reversed later. */
    public boolean midstreamSynAck;
    /** Not final: {@link #swapDirections()} exchanges them when the flow is turned around. */
    public TcpStream client = new TcpStream();
    public TcpStream server = new TcpStream();
    /** Length of data carried on the SYN, until the SYN/ACK says whether it was accepted. */
    int synDataLength;
    /** SYNs with a new sequence number seen in SYN_SENT (Suricata's SYN queue length). */
    int synResends;
    /**
     * Timestamps of earlier SYNs of this handshake (Suricata keeps resent SYNs in its SYN queue):
     * the SYN/ACK may echo any of them or the latest ({@code client.lastTs}).
     */
    final int[] earlierSynTs = new int[10];
    int earlierSynTsCount;
    TcpSession nextFree;

    public TcpStream sender(boolean toServer) {
        return toServer ? client : server;
    }

    /** Suricata's TcpStreamFlowSwap: the halves change roles, their contents stay. */
    @Override
    public void swapDirections() {
        TcpStream t = client;
        client = server;
        server = t;
    }

    void reset() {
        state = TcpState.NONE;
        prevState = TcpState.NONE;
        closedByRst = false;
        timestamps = false;
        fourWhs = false;
        midstream = false;
        midstreamSynAck = false;
        synDataLength = 0;
        synResends = 0;
        earlierSynTsCount = 0;
        client.reset();
        server.reset();
    }
}
