package dev.rampart.engine.applayer;

import dev.rampart.engine.flow.Spares;
import java.util.function.Supplier;

/**
 * A session's parsed messages waiting for detection, where every message is a transaction of its own
 * direction (DNS, SIP): at most a bounded number pending; released transaction objects go to the
 * thread's {@link Spares} of their kind for any session's next message. Backs the session's
 * {@link AppSession} transaction methods.
 */
public final class PendingMessages<T extends PendingMessages.Message> {
    /** A pooled message transaction: its tx id and the direction it was sent in. */
    public abstract static class Message {
        public long txId;
        public boolean toServer;
    }

    /**
     * Released transactions a thread keeps per transaction class. Kept per session, every DNS flow
     * held its last query and response objects (with their message and name arrays, ~1.2 KiB each)
     * until it timed out. Safe to share: a transaction is released by the detection pass that
     * finished it, and that packet's alerts (which may render it) are written before the thread
     * parses another message.
     */
    public static final int SPARES = 256;

    /** A session kind's per-thread spares, one per transaction class (sessions keep it in a static field). */
    public static ThreadLocal<Spares<Message>> threadSpares() {
        return ThreadLocal.withInitial(() -> new Spares<>(SPARES));
    }

    private final Message[] slots;
    private final Supplier<T> factory;
    private final ThreadLocal<Spares<Message>> spares;
    private int count;

    /** @param spares the session kind's per-thread spares (one {@code ThreadLocal} per transaction class) */
    public PendingMessages(int capacity, Supplier<T> factory, ThreadLocal<Spares<Message>> spares) {
        this.slots = new Message[capacity];
        this.factory = factory;
        this.spares = spares;
    }

    /** The next free pooled transaction, now pending, for the caller to fill; null when all are pending. */
    @SuppressWarnings("unchecked")
    public T claim() {
        if (count == slots.length) {
            return null;
        }
        slots[count] = spares.get().takeOr(factory);
        return (T) slots[count++];
    }

    public int count() {
        return count;
    }

    public Object get(int index) {
        return slots[index];
    }

    /** Releases the transactions below {@code txId} to the thread's spares, keeping the others in order. */
    public void release(long txId) {
        int w = 0;
        for (int i = 0; i < count; i++) {
            Message t = slots[i];
            if (t.txId >= txId) {
                // keep it, moving the released object behind the kept ones
                slots[i] = slots[w];
                slots[w++] = t;
            }
        }
        if (w < count) {
            Spares<Message> s = spares.get();
            for (int i = w; i < count; i++) {
                s.give(slots[i]);
                slots[i] = null;
            }
        }
        count = w;
    }
}
