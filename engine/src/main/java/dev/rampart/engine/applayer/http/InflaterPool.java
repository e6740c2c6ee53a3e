package dev.rampart.engine.applayer.http;

import dev.rampart.engine.flow.Spares;
import java.util.zip.Inflater;

/**
 * The thread's idle inflaters, raw deflate and zlib-wrapped apart. An inflater holds ~40 KiB of
 * native zlib memory (state and 32 KiB window) outside the Java heap; kept per body decoder, every
 * direction of every flow that ever carried a compressed body held one until the flow ended (2 GB
 * generator capture: 3,311 live inflaters, ~130 MB of resident memory, at 10 s). A decoder now takes
 * one when a compressed body starts and gives it back when that body is done, so only bodies in
 * progress hold one. One pool per thread (each packet thread owns its flows), bounded to
 * {@link #MAX_KEPT} per kind; a surplus inflater is ended at once.
 */
final class InflaterPool {
    static final int MAX_KEPT = 64;

    private static final ThreadLocal<InflaterPool> PER_THREAD = ThreadLocal.withInitial(InflaterPool::new);

    private final Spares<Inflater> raw = new Spares<>(MAX_KEPT);
    private final Spares<Inflater> zlib = new Spares<>(MAX_KEPT);

    static InflaterPool ofThisThread() {
        return PER_THREAD.get();
    }

    /** A reset inflater: raw deflate ({@code nowrap}) or zlib-wrapped. */
    Inflater take(boolean nowrap) {
        return nowrap ? raw.takeOr(() -> new Inflater(true)) : zlib.takeOr(() -> new Inflater(false));
    }

    /** Takes {@code inflater} (of kind {@code nowrap}) back for a later body, or ends it when the pool is full. */
    void give(Inflater inflater, boolean nowrap) {
        inflater.reset();
        if (!(nowrap ? raw : zlib).give(inflater)) {
            inflater.end();
        }
    }

    int kept() {
        return raw.size() + zlib.size();
    }
}
