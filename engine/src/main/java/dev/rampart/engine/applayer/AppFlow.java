package dev.rampart.engine.applayer;

/**
 * The app layer's state of one flow ({@code Flow.appState}): the detected protocol, the session
 * once it is known, and the first bytes of each direction kept for protocol detection.
 */
public final class AppFlow {
    /** Bytes kept per direction while the protocol is undecided (Suricata gives up after a few KiB). */
    static final int DETECT_LIMIT = 4096;

    AppProto proto = AppProto.UNKNOWN;
    final AppProto[] dirProto = {AppProto.UNKNOWN, AppProto.UNKNOWN};
    AppSession session;
    final byte[][] head = new byte[2][];
    final int[] headLen = new int[2];

    public AppProto proto() {
        return proto;
    }

    /** The parser state, or null while undecided or after detection failed. */
    public AppSession session() {
        return session;
    }
}
