package dev.rampart.engine.applayer;

import java.util.ArrayList;
import java.util.List;

/**
 * A session whose transactions are a list, oldest first, with ids counted from 0 (SMTP's mails,
 * FTP's commands): the list keeping of {@link AppSession} in one place; the parser adds to
 * {@link #txs} with {@link #nextId}{@code ++} and counts each call that can change them in
 * {@link #changes}.
 */
public abstract class ListedTransactions<T> implements AppSession {
    /** Live transactions, oldest first. */
    protected final List<T> txs = new ArrayList<>();
    /** The id the next transaction gets. */
    protected long nextId;
    /** Grows with every call that can change a transaction ({@link AppSession#changeCount}). */
    protected long changes;

    /** A transaction's id. */
    protected abstract long idOf(T tx);

    /** Called for each transaction {@link #release} drops (a parser forgets its pointers to it). */
    protected void dropped(T tx) {
    }

    @Override
    public final int txCount() {
        return txs.size();
    }

    @Override
    public final Object tx(int index) {
        return txs.get(index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final long txId(Object tx) {
        return idOf((T) tx);
    }

    @Override
    public final long txOpened() {
        return nextId;
    }

    @Override
    public final long changeCount() {
        return changes;
    }

    @Override
    public final void release(long txId) {
        int n = 0;
        while (n < txs.size() && idOf(txs.get(n)) < txId) {
            dropped(txs.get(n));
            n++;
        }
        if (n > 0) {
            txs.subList(0, n).clear();
        }
    }
}
