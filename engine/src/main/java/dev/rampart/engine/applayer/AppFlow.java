package dev.rampart.engine.applayer;

/**
 * The app layer's state of one flow ({@code Flow.appState}): the detected protocol, the session
 * once it is known, and the first bytes of each direction kept for protocol detection.
 */
public final class AppFlow implements dev.rampart.engine.flow.DirectionalState {
    /** Bytes kept per direction while the protocol is undecided (Suricata gives up after a few KiB). */
    static final int DETECT_LIMIT = 4096;

    AppProto proto = AppProto.UNKNOWN;
    final AppProto[] dirProto = {AppProto.UNKNOWN, AppProto.UNKNOWN};
    AppSession session;
    final byte[][] head = new byte[2][];
    final int[] headLen = new int[2];
    /**
     * The direction whose bytes came first (0 to server, 1 to client; -1 none yet): when the protocol is
     * decided, the parser gets that direction's kept bytes first (Suricata's data_first_seen_dir: an
     * FTP server's banner opens the first transaction, before the command that decided the protocol).
     */
    int firstData = -1;
    /** Per direction (to server, to client): the session was told the direction ended. */
    final boolean[] ended = new boolean[2];

    /** Parser errors of the session already reported ({@link AppSession#parseErrors()}). */
    long parseErrorsSeen;
    /** An exception policy dropped the flow: no more parsing (Suricata's StreamTcpDisableAppLayer). */
    boolean disabled;
    /** Protocol change (Suricata's FLOW_CHANGE_PROTO): none, requested by the parser, flushed to detection. */
    static final int CHANGE_NONE = 0, CHANGE_REQUESTED = 1, CHANGE_FLUSHED = 2;
    /** An HTTP/2 upgrade flushed: the switch happens with the flow's next stream data (either direction). */
    static final int CHANGE_AWAIT_DATA = 3;
    int change = CHANGE_NONE;
    /** The protocol before a change (Suricata's alproto_orig), or null. */
    AppProto protoOrig;
    /** Protocol detection's server port after a CONNECT tunnel's change (Suricata's protodetect_dp), 0: the flow's. */
    int detectPort;
    /** The protocol a change asked for (alproto_expect) while it is pending, or null. */
    AppProto protoExpected;

    /**
     * Per direction: flow packet count (both directions) of the packet that carries its protocol's
     * decision; -1 before.
     */
    final long[] decidedAtPacket = {-1, -1};
    /**
     * Per direction: a change to websocket completed and the direction's next data decides it (Suricata
     * reruns protocol detection after AppLayerRequestProtocolChange). Not used for HTTP/2, whose
     * renewed detection after an h2c upgrade 7.0.10 times differently (http2-range: the packets after
     * the ones that delivered each direction's first HTTP/2 data): not modelled yet.
     */
    final boolean[] redetect = new boolean[2];
    /** Per direction: decided; the next packet of that direction carries it (Suricata's FLOW_PROTO_DETECT_*_DONE). */
    final boolean[] detectDonePending = new boolean[2];
    /** Per direction: found nothing while the other direction was undecided; flagged once that one decides. */
    final boolean[] failFlagDeferred = new boolean[2];
    /** Per direction: the krb5 probe said no on earlier bytes; it is not asked again ({@link AppProtoDetector#KRB5_PROBE_FAILED}). */
    final boolean[] krb5ProbeFailed = new boolean[2];

    /** The flow was turned around: what was kept per direction changes sides. */
    @Override
    public void swapDirections() {
        swap(dirProto);
        byte[] h = head[0];
        head[0] = head[1];
        head[1] = h;
        int n = headLen[0];
        headLen[0] = headLen[1];
        headLen[1] = n;
        if (firstData >= 0) {
            firstData = 1 - firstData;
        }
        boolean e = ended[0];
        ended[0] = ended[1];
        ended[1] = e;
        long d = decidedAtPacket[0];
        decidedAtPacket[0] = decidedAtPacket[1];
        decidedAtPacket[1] = d;
        boolean p = detectDonePending[0];
        detectDonePending[0] = detectDonePending[1];
        detectDonePending[1] = p;
        p = failFlagDeferred[0];
        failFlagDeferred[0] = failFlagDeferred[1];
        failFlagDeferred[1] = p;
        p = krb5ProbeFailed[0];
        krb5ProbeFailed[0] = krb5ProbeFailed[1];
        krb5ProbeFailed[1] = p;
    }

    private static <T> void swap(T[] a) {
        T t = a[0];
        a[0] = a[1];
        a[1] = t;
    }

    /** Whether the packet with this flow packet count decided a direction (Suricata's PKT_PROTO_DETECT_*_DONE). */
    public boolean decidedAt(long flowPacketCount) {
        return decidedAtPacket[0] == flowPacketCount || decidedAtPacket[1] == flowPacketCount;
    }

    /** The protocol of one direction: UNKNOWN until that direction's data was looked at. */
    public AppProto proto(boolean toServer) {
        if (proto == AppProto.FAILED) {
            return AppProto.FAILED;
        }
        return dirProto[toServer ? 0 : 1];
    }

    public AppProto proto() {
        return proto;
    }

    /** The protocol before an app-layer protocol change (EVE app_proto_orig), or null. */
    public AppProto protoOrig() {
        return protoOrig;
    }

    /** The protocol a pending change asked for (EVE app_proto_expected), or null. */
    public AppProto protoExpected() {
        return protoExpected;
    }

    /** The parser state, or null while undecided or after detection failed. */
    public AppSession session() {
        return session;
    }
}
