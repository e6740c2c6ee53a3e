package dev.rampart.engine.applayer;

/**
 * A session whose whole flow is one transaction, id 0 (Suricata's TLS and SSH state: handshake or
 * identification and key exchange of both sides): live until detection has released it in both
 * directions.
 */
public abstract class OneTransactionSession implements AppSession {
    private boolean released;

    @Override
    public final int txCount() {
        return released ? 0 : 1;
    }

    @Override
    public final long txId(Object tx) {
        return 0;
    }

    @Override
    public final void release(long txId) {
        if (txId > 0) {
            released = true;
        }
    }
}
