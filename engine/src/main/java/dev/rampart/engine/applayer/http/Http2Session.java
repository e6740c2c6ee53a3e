package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;

/**
 * {@link AppSession} over an {@link Http2Parser}: transactions are {@link HttpTx} with their
 * {@link Http2Stream}, so the HTTP buffers read them as HTTP/1 ones. A stream's transaction is
 * complete in both directions once the stream is closed (Suricata's progress is the stream
 * state, one for both directions); stream 0 transactions are complete at once.
 */
public final class Http2Session implements AppSession {
    private final Http2Parser parser;
    private final HttpEveJson eve = new HttpEveJson();
    private long changes;

    public Http2Session(HttpConfig config) {
        this.parser = new Http2Parser(config);
    }

    public Http2Parser parser() {
        return parser;
    }

    /**
     * The flow was HTTP/1 and upgraded (h2c): stream 1 takes over the upgraded request (Suricata's
     * HTTP2MimicHttp1Request); nothing for another session.
     */
    public void upgradedFrom(AppSession before) {
        if (before instanceof HttpSession h1 && h1.parser().upgradeTx() != null) {
            parser.mimicHttp1Request(h1.parser().upgradeTx());
        }
    }

    @Override
    public AppProto proto() {
        return AppProto.HTTP2;
    }

    /** Suricata's HTTP/2 parser never asks for raw inspection: its stream waits for the chunk and close points. */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public dev.rampart.engine.applayer.StreamFrames frames() {
        return parser.frames();
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        changes++;
        parser.onData(toServer, data, off, len);
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
    public void onFlowEnd(boolean toServer) {
        changes++;
        parser.flowEnded();
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
        Http2Stream.Side s = t.h2.side(toServer);
        return (long) t.h2.state << 56 ^ (long) s.fields << 40 ^ (long) t.request.bodyLen << 20 ^ t.response.bodyLen
                ^ Long.rotateLeft(s.frameTypes, 13) ^ Long.rotateLeft(t.h2.events, 29)
                ^ (long) (s.errorCodes.size() + s.priorities.size() + s.windows.size() + s.settings.size()) << 32;
    }

    @Override
    public long changeCount() {
        return changes;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return ((HttpTx) tx).h2.state >= Http2Stream.CLOSED;
    }

    @Override
    public boolean txHeadersDone(Object tx, boolean toServer) {
        // a closed stream has both sides complete (Http2Parser sets them together)
        HttpTx t = (HttpTx) tx;
        return (toServer ? t.requestProgress() : t.responseProgress()) >= HttpTx.PROGRESS_COMPLETE;
    }

    @Override
    public void release(long txId) {
        for (int i = parser.txCount() - 1; i >= 0; i--) {
            HttpTx t = parser.tx(i);
            if (t.id() < txId && t.h2.state >= Http2Stream.CLOSED) {
                parser.release(t);
            }
        }
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        HttpTx t = (HttpTx) tx;
        if (!HttpEveJson.hasHttp2Details(t.h2)) {
            return false; // suricata 7.0.10 logs no "http" object for a WINDOW_UPDATE or PING transaction
        }
        eve.appendHttp2(t, out);
        return true;
    }
}
