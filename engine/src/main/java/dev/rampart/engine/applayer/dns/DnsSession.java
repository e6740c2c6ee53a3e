package dev.rampart.engine.applayer.dns;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.output.eve.JsonBuffer;

/**
 * {@link AppSession} over a {@link DnsParser}. The parser reuses one transaction object per
 * message, so the session copies each message into a small pool of pending transactions until
 * detection has inspected them (several DNS-over-TCP messages can arrive in one delivery). At most
 * {@link #MAX_PENDING} are kept; more in one go are dropped and counted ({@link #dropped()}).
 */
public final class DnsSession implements AppSession {
    static final int MAX_PENDING = 32;
    private final DnsTransaction[] pending = new DnsTransaction[MAX_PENDING];
    private int count;
    private long dropped;
    private final DnsParser parser = new DnsParser(this::keep);

    private void keep(DnsTransaction tx) {
        if (count == MAX_PENDING) {
            dropped++;
            return;
        }
        if (pending[count] == null) {
            pending[count] = new DnsTransaction();
        }
        pending[count++].copyFrom(tx);
    }

    /** Messages not kept because {@link #MAX_PENDING} were already waiting for detection. */
    public long dropped() {
        return dropped;
    }

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
        return count;
    }

    @Override
    public Object tx(int index) {
        return pending[index];
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
        int w = 0;
        for (int i = 0; i < count; i++) {
            DnsTransaction t = pending[i];
            if (t.txId >= txId) {
                // keep it, moving the pooled object of the released slot behind
                pending[i] = pending[w];
                pending[w++] = t;
            }
        }
        count = w;
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        JsonBuffer b = new JsonBuffer(512);
        b.key("dns");
        DnsEveJson.writeAlert(b, (DnsTransaction) tx);
        out.append(b);
        return true;
    }
}
