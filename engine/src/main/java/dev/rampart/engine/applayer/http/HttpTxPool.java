package dev.rampart.engine.applayer.http;

/**
 * A thread's recycled HTTP transactions of one {@link HttpConfig}, with their head, work and header-table arrays. Each
 * parser kept its own recycled transactions for the flow's life: an idle or closed keep-alive
 * flow held one or two (~6 KiB each with their arrays) until it timed out, 7,416 of them at 10 s
 * into the 2 GB generator scan (~45 MB of long-lived heap, copied by every collection that
 * promoted it). Now only live transactions belong to a flow; a recycled one serves the next
 * transaction any flow of the thread opens. Safe to share across flows: a transaction is recycled
 * by the detection pass that releases it, and the alerts of that packet, which may still read its
 * head, are written before the thread parses another byte. One pool per thread (each packet thread
 * owns its flows) and configuration ({@link HttpConfig#txPools}), bounded to {@link #MAX_KEPT}.
 */
final class HttpTxPool {
    static final int MAX_KEPT = 256;

    private final HttpTx[] kept = new HttpTx[MAX_KEPT];
    private int count;

    /** The calling thread's pool of {@code cfg}. */
    static HttpTxPool of(HttpConfig cfg) {
        return cfg.txPools.get();
    }

    /** A recycled transaction (its body already given back), or a new one; the caller resets it. */
    HttpTx take() {
        if (count == 0) {
            return new HttpTx();
        }
        HttpTx tx = kept[--count];
        kept[count] = null;
        return tx;
    }

    /** Keeps {@code tx} for a later transaction unless the pool is full. */
    void give(HttpTx tx) {
        if (count < MAX_KEPT) {
            kept[count++] = tx;
        }
    }

    int size() {
        return count;
    }
}
