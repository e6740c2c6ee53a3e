package dev.rampart.engine.applayer;

import java.util.function.Supplier;

/**
 * A session's parsed messages waiting for detection, where every message is a transaction of its own
 * direction (DNS, SIP): a bounded pool of transaction objects, reused once detection released
 * them. Backs the session's {@link AppSession} transaction methods.
 */
public final class PendingMessages<T extends PendingMessages.Message> {
    /** A pooled message transaction: its tx id and the direction it was sent in. */
    public abstract static class Message {
        public long txId;
        public boolean toServer;
    }

    private final Message[] slots;
    private final Supplier<T> factory;
    private int count;

    public PendingMessages(int capacity, Supplier<T> factory) {
        this.slots = new Message[capacity];
        this.factory = factory;
    }

    /** The next free pooled transaction, now pending, for the caller to fill; null when all are pending. */
    @SuppressWarnings("unchecked")
    public T claim() {
        if (count == slots.length) {
            return null;
        }
        if (slots[count] == null) {
            slots[count] = factory.get();
        }
        return (T) slots[count++];
    }

    public int count() {
        return count;
    }

    public Object get(int index) {
        return slots[index];
    }

    /** Releases the transactions below {@code txId}, keeping the others in order. */
    public void release(long txId) {
        int w = 0;
        for (int i = 0; i < count; i++) {
            Message t = slots[i];
            if (t.txId >= txId) {
                // keep it, moving the pooled object of the released slot behind
                slots[i] = slots[w];
                slots[w++] = t;
            }
        }
        count = w;
    }
}
