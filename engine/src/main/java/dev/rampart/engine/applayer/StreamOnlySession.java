package dev.rampart.engine.applayer;

/**
 * A flow whose protocol is detected but not parsed (SMTP, FTP): its app_proto is set, so rules
 * written for that protocol ({@code alert smtp ...}, {@code app-layer-protocol:ftp}) apply to its
 * packets and reassembled stream, and there are no transactions (no protocol buffers). As with
 * Suricata 7's parsers for these protocols, nothing here asks for raw stream inspection early: the
 * stream is inspected at the usual chunk and end-of-stream points (checked with suricata 7.0.10: the
 * content alerts of a short SMTP or FTP session come with the FIN packets).
 */
public final class StreamOnlySession implements AppSession {
    private final AppProto proto;

    public StreamOnlySession(AppProto proto) {
        this.proto = proto;
    }

    @Override
    public AppProto proto() {
        return proto;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
    }

    @Override
    public void onGap(boolean toServer, long len) {
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    /** Suricata's parser for the protocol never asks (so: reports its triggers, of which there are none). */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public int txCount() {
        return 0;
    }

    @Override
    public Object tx(int index) {
        throw new IndexOutOfBoundsException(proto.suricataName() + " sessions have no transactions: " + index);
    }

    @Override
    public long txId(Object tx) {
        return 0;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    @Override
    public void release(long txId) {
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        return false;
    }
}
