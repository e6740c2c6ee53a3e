package dev.rampart.engine.applayer;

/**
 * A session whose every transaction is one message of one direction, complete when parsed (Suricata's
 * unidirectional transactions: IKE, SNMP, Kerberos, WebSocket frames): the direction and completion
 * answers of {@link AppSession} in one place.
 */
public abstract class OneSidedTransactions<T extends OneSidedTransactions.Message> extends ListedTransactions<T> {
    /** A transaction of one direction. */
    public interface Message {
        long id();

        boolean toServer();
    }

    @Override
    protected final long idOf(T tx) {
        return tx.id();
    }

    @Override
    @SuppressWarnings("unchecked")
    public final boolean txInDirection(Object tx, boolean toServer) {
        return ((T) tx).toServer() == toServer;
    }

    /** Parsed whole: nothing more comes in either direction. */
    @Override
    public final boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    /** The end of a direction finishes nothing: every message was complete when parsed. */
    @Override
    public void onEnd(boolean toServer) {
    }
}
