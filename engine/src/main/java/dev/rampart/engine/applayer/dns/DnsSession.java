package dev.rampart.engine.applayer.dns;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.PendingMessages;
import dev.rampart.engine.flow.Spares;
import dev.rampart.eve.JsonBuffer;

/**
 * {@link AppSession} over a {@link DnsParser}. The parser reuses one transaction object per
 * message, so the session copies each message into a small pool of pending transactions until
 * detection has inspected them (several DNS-over-TCP messages can arrive in one delivery). At most
 * {@link #MAX_PENDING} are kept; more in one go are dropped and counted ({@link #dropped()}).
 */
public final class DnsSession implements AppSession {
    static final int MAX_PENDING = 32;
    /** Released transactions of this thread's sessions (see {@link PendingMessages#SPARES}). */
    private static final ThreadLocal<Spares<PendingMessages.Message>> SPARES = PendingMessages.threadSpares();
    private final PendingMessages<DnsTransaction> pending = new PendingMessages<>(MAX_PENDING, DnsTransaction::new, SPARES);
    private long dropped;
    private final DnsParser parser = new DnsParser(this::keep);

    private void keep(DnsTransaction tx) {
        DnsTransaction t = pending.claim();
        if (t == null) {
            dropped++;
            return;
        }
        t.copyFrom(tx);
    }

    /** Released DNS transactions this thread keeps for reuse (tests). */
    public static int sparesOfThisThread() {
        return SPARES.get().size();
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
        return pending.count();
    }

    @Override
    public Object tx(int index) {
        return pending.get(index);
    }

    @Override
    public long txId(Object tx) {
        return ((PendingMessages.Message) tx).txId;
    }

    @Override
    public boolean txInDirection(Object tx, boolean toServer) {
        return ((PendingMessages.Message) tx).toServer == toServer;
    }

    /** A DNS message is a complete transaction in its own direction and never continues in the other. */
    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    @Override
    public void release(long txId) {
        pending.release(txId);
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
