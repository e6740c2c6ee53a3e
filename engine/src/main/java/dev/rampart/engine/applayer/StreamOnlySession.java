package dev.rampart.engine.applayer;

/**
 * A flow whose protocol is detected but not parsed (FTP): its app_proto is set, so rules
 * written for that protocol ({@code alert ftp ...}, {@code app-layer-protocol:ftp}) apply to its
 * packets and reassembled stream, and there are no transactions (no protocol buffers). As with
 * Suricata 7's parsers for these protocols, nothing here asks for raw stream inspection early: the
 * stream is inspected at the usual chunk and end-of-stream points (checked with suricata 7.0.10: the
 * content alerts of a short FTP session come with the FIN packets; SMTP has its parser now,
 * {@link dev.rampart.engine.applayer.smtp.SmtpSession}).
 */
public final class StreamOnlySession implements NoTransactions {
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
}
