package dev.rampart.capture;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mapped window of a capture file that frames point into, counted so that it can outlive the
 * handler call: a consumer that keeps a frame's bytes past {@link FrameHandler#onFrame} (a
 * worker that takes the frame from a ring later, on another thread) calls {@link #retain()}
 * during the call and {@link #release()} when done with the bytes. The reader holds one
 * reference while the window is current and drops it when it moves on; the last release unmaps
 * the window (on whichever thread makes it). Reading the bytes after one's own release may
 * crash the JVM (the mapping is gone), as reading a released window always could.
 */
public final class CaptureWindow {
    /** What unmapping means for the reader that made the window (run once, by the last release). */
    @FunctionalInterface
    public interface Unmap {
        void unmap();
    }

    private final AtomicInteger refs = new AtomicInteger(1); // the reader's own
    private final Unmap unmap;

    public CaptureWindow(Unmap unmap) {
        this.unmap = unmap;
    }

    /** One more holder of the window's bytes (while one is already held: during the handler call, or by another holder). */
    public void retain() {
        refs.incrementAndGet();
    }

    /** This holder is done with the bytes; the last one unmaps. */
    public void release() {
        int left = refs.decrementAndGet();
        if (left == 0) {
            unmap.unmap();
        } else if (left < 0) {
            throw new IllegalStateException("capture window released more often than retained");
        }
    }

    /** Holders now (the reader included while the window is current); for tests. */
    public int holders() {
        return refs.get();
    }
}
