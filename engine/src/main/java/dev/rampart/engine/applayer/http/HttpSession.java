package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;

/** {@link AppSession} over an {@link HttpParser}: transactions are {@link HttpTx}. */
public final class HttpSession implements AppSession {
    private final HttpParser parser;
    private final HttpEveJson eve = new HttpEveJson();
    /** Calls that can change a transaction; see {@link AppSession#changeCount()}. */
    private long changes;

    public HttpSession(HttpConfig config) {
        this.parser = new HttpParser(config);
    }

    public HttpParser parser() {
        return parser;
    }

    @Override
    public AppProto proto() {
        return AppProto.HTTP;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        parser.onData(toServer, data, off, len);
    }

    @Override
    public AppProto protocolChangeRequest() {
        if (parser.upgradeToHttp2()) {
            return AppProto.HTTP2;
        }
        if (parser.upgradeToWebSocket()) {
            return AppProto.WEBSOCKET;
        }
        return parser.connectTunnel() ? AppProto.UNKNOWN : null;
    }

    @Override
    public int protocolChangePort() {
        return parser.connectTunnelPort();
    }

    @Override
    public void onGap(boolean toServer, long len) {
        changes++;
        parser.onGap(toServer, len);
    }

    @Override
    public void onEnd(boolean toServer) {
        changes++;
        parser.onEnd(toServer);
    }

    @Override
    public dev.rampart.engine.applayer.StreamFrames frames() {
        return parser.frames();
    }

    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public long rawInspectTriggers(boolean toServer) {
        return parser.messagesCompleted(toServer);
    }

    @Override
    public void onFlowEnd(boolean toServer) {
        changes++;
        parser.flowEnded(toServer);
    }

    @Override
    public void onFlowDropped() {
        parser.dropAll();
    }

    @Override
    public int txCount() {
        return parser.txCount();
    }

    @Override
    public Object tx(int index) {
        return parser.tx(index);
    }

    @Override
    public long txOpened() {
        return parser.txOpened();
    }

    @Override
    public long txId(Object tx) {
        return ((HttpTx) tx).id();
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        HttpTx t = (HttpTx) tx;
        // bodyLen is the body slice's length (HttpMessage sets both together) without the
        // extra object: this runs for every open transaction on every packet of the flow
        return (long) t.requestProgress() << 56 ^ (long) t.responseProgress() << 48
                ^ (long) t.request.bodyLen << 24 ^ t.response.bodyLen
                ^ Long.rotateLeft(t.eventBits(), 17); // an anomaly event can arrive without progress
    }

    @Override
    public long changeCount() {
        return changes;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        HttpTx t = (HttpTx) tx;
        return (toServer ? t.requestProgress() : t.responseProgress()) >= HttpTx.PROGRESS_COMPLETE;
    }

    @Override
    public boolean txHeadersDone(Object tx, boolean toServer) {
        HttpTx t = (HttpTx) tx;
        return (toServer ? t.requestProgress() : t.responseProgress()) >= HttpTx.PROGRESS_HEADERS;
    }

    @Override
    public void release(long txId) {
        for (int i = parser.txCount() - 1; i >= 0; i--) {
            HttpTx t = parser.tx(i);
            if (t.id() < txId && t.isComplete() && t != parser.upgradeTx()) {
                parser.release(t);
            }
        }
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        eve.append((HttpTx) tx, out);
        return true;
    }
}
