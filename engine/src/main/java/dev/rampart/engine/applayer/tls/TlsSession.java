package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.OneTransactionSession;
import dev.rampart.eve.JsonBuffer;

/**
 * {@link AppSession} over a {@link TlsParser}. TLS has one transaction per flow (Suricata's tx 0):
 * the parser itself; it completes when the handshake is over (both sides encrypted) or the flow ends.
 */
public final class TlsSession extends OneTransactionSession {
    private final TlsParser parser = new TlsParser();
    /** {@code app-layer.protocols.tls.encryption-handling: full}: encrypted payload stays inspected. */
    private final boolean inspectEncrypted;
    private final boolean[] ended = new boolean[2];

    public TlsSession() {
        this(false);
    }

    public TlsSession(boolean inspectEncrypted) {
        this.inspectEncrypted = inspectEncrypted;
    }

    /**
     * Suricata 7's default encryption handling: once application data flows, content rules no longer
     * look at the encrypted bytes (tls keywords still work on the handshake); {@code full} keeps them.
     */
    @Override
    public boolean payloadInspectionOff() {
        return !inspectEncrypted && parser.applicationData();
    }

    private final java.util.IdentityHashMap<String, byte[]> textBytes = new java.util.IdentityHashMap<>();

    /**
     * UTF-8 bytes of a parser string field (as Suricata matches its certificate texts), computed
     * once per string (detection reads them repeatedly).
     */
    public byte[] bytesOf(String s) {
        return textBytes.computeIfAbsent(s, k -> k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public TlsParser parser() {
        return parser;
    }

    @Override
    public AppProto proto() {
        return AppProto.TLS;
    }

    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public long rawInspectTriggers(boolean toServer) {
        return parser.recordsCompleted(toServer);
    }

    /** Handshake state flags first seen in the latest delivery (Suricata's current_flags, for ssl_state). */
    private int currentStateFlags;

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        int before = parser.stateFlags();
        parser.onData(toServer, data, off, len);
        currentStateFlags = parser.stateFlags() & ~before;
    }

    /**
     * State flags ({@link TlsParser#STATE_CLIENT_HELLO} ...) the latest delivery set. Suricata's
     * current_flags also repeat a message seen again; here only the first sighting counts.
     */
    public int currentStateFlags() {
        return currentStateFlags;
    }

    @Override
    public void onGap(boolean toServer, long len) {
        parser.onGap(toServer);
    }

    @Override
    public void onEnd(boolean toServer) {
        parser.onEnd(toServer);
        ended[toServer ? 0 : 1] = true;
    }

    @Override
    public Object tx(int index) {
        return parser;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        long events = parser.eventTotal();
        return (parser.stateFlags() | (long) parser.certificateCount() << 32 | (ended[0] ? 1L << 40 : 0)
                | (ended[1] ? 1L << 41 : 0)) ^ events << 44;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return ended[toServer ? 0 : 1] || parser.encrypted(toServer);
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        JsonBuffer b = new JsonBuffer(512);
        b.key("tls");
        TlsEveJson.write(b, parser, false, false);
        out.append(b);
        return true;
    }
}
