package dev.rampart.engine.applayer.http;

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

    private final Inflater[] raw = new Inflater[MAX_KEPT];
    private final Inflater[] zlib = new Inflater[MAX_KEPT];
    private int rawCount;
    private int zlibCount;

    static InflaterPool ofThisThread() {
        return PER_THREAD.get();
    }

    /** A reset inflater: raw deflate ({@code nowrap}) or zlib-wrapped. */
    Inflater take(boolean nowrap) {
        if (nowrap) {
            return rawCount > 0 ? pop(raw, --rawCount) : new Inflater(true);
        }
        return zlibCount > 0 ? pop(zlib, --zlibCount) : new Inflater(false);
    }

    private static Inflater pop(Inflater[] stack, int top) {
        Inflater i = stack[top];
        stack[top] = null;
        return i;
    }

    /** Takes {@code inflater} (of kind {@code nowrap}) back for a later body, or ends it when the pool is full. */
    void give(Inflater inflater, boolean nowrap) {
        inflater.reset();
        if (nowrap && rawCount < MAX_KEPT) {
            raw[rawCount++] = inflater;
        } else if (!nowrap && zlibCount < MAX_KEPT) {
            zlib[zlibCount++] = inflater;
        } else {
            inflater.end();
        }
    }

    int kept() {
        return rawCount + zlibCount;
    }
}
