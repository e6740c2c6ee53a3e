package dev.rampart.engine.flow;

/**
 * Per-flow state objects that flows gave back, for any flow's next need: a bounded stack owned by
 * one packet thread (each thread owns its flows), so an idle or closed flow holds nothing it has
 * finished with. A give beyond the bound is refused (the object is left to the collector, or to its
 * owner to free).
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

    /** The last object given back, or a new one from {@code fresh} when none is kept. */
    public T takeOr(java.util.function.Supplier<? extends T> fresh) {
        T t = take();
        return t != null ? t : fresh.get();
    }

    /** Keeps {@code t} unless {@link #max()} are kept already; returns whether it was kept. */
    public boolean give(T t) {
        if (count == kept.length) {
            return false;
        }
        kept[count++] = t;
        return true;
    }

    public int size() {
        return count;
    }

    public int max() {
        return kept.length;
    }
}
