package dev.rampart.engine.applayer.dns;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.output.eve.JsonBuffer;

/**
 * {@link AppSession} over a {@link DnsParser}. The parser reuses one transaction object per
 * message, so the session exposes the latest message only: detection inspects it right after the
 * datagram (or TCP message) that carried it. Several DNS messages in one TCP delivery are only
 * inspected as the last one (a known limitation).
 */
public final class DnsSession implements AppSession {
    private DnsTransaction last;
    private boolean pending;
    private final DnsParser parser = new DnsParser(tx -> {
        last = tx;
        pending = true;
    });

    @Override
    public AppProto proto() {
        return AppProto.DNS;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        parser.onData(toServer, data, off, len);
    }

    @Override
    public void onDatagram(boolean toServer, byte[] data, int off, int len) {
        parser.onUdp(toServer, data, off, len);
    }

    @Override
    public void onGap(boolean toServer, long len) {
        parser.onGap(toServer);
    }

    @Override
    public void onEnd(boolean toServer) {
        parser.onEnd(toServer);
    }

    @Override
    public int txCount() {
        return pending ? 1 : 0;
    }

    @Override
    public Object tx(int index) {
        return last;
    }

    @Override
    public long txId(Object tx) {
        return ((DnsTransaction) tx).txId;
    }

    @Override
    public boolean txInDirection(Object tx, boolean toServer) {
        return ((DnsTransaction) tx).toServer == toServer;
    }

    /** A DNS message is a complete transaction in its own direction and never continues in the other. */
    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    @Override
    public void release(long txId) {
        if (last != null && last.txId < txId) {
            pending = false;
        }
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        JsonBuffer b = new JsonBuffer(512);
        b.raw((byte) '"').ascii("dns").raw((byte) '"').raw((byte) ':');
        DnsEveJson.writeAlert(b, (DnsTransaction) tx);
        out.append(b);
        return true;
    }
}
