package dev.rampart.engine.flow;

/**
 * Per-flow state objects that flows gave back, for any flow's next need: a bounded stack owned by
 * one packet thread (each thread owns its flows), so an idle or closed flow holds nothing it has
 * finished with. A give beyond the bound drops the object for the collector.
 */
public final class Spares<T> {
    private final Object[] kept;
    private int count;

    public Spares(int max) {
        this.kept = new Object[max];
    }

    /** The last object given back, or null when none is kept. */
    @SuppressWarnings("unchecked")
    public T take() {
        if (count == 0) {
            return null;
        }
        Object t = kept[--count];
        kept[count] = null;
        return (T) t;
    }

    /** Keeps {@code t} unless {@link #max()} are kept already. */
    public void give(T t) {
        if (count < kept.length) {
            kept[count++] = t;
        }
    }

    public int size() {
        return count;
    }

    public int max() {
        return kept.length;
    }
}
