package dev.rampart.alerts;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

/**
 * Faults in the pages of the journal's cycle file ahead of the writer, on a background thread,
 * so that the writer finds them mapped and writable. Most of an append's cost was the kernel
 * providing fresh pages of the mapped file on first write (allocating, zero-filling and
 * attaching file blocks); Chronicle's own pretoucher is an Enterprise feature
 * (open-source {@code ExcerptAppender.pretouch()} does nothing).
 *
 * <p>A page is touched by an atomic compare-and-set of a zero int to zero, at the page's start,
 * through the same mapping the writer uses (threads of a process share page tables, so the
 * writer then takes no fault at all). The compare-and-set never changes a byte: where the
 * writer got there first the compare fails, and a reader of the file (in this process or
 * another) sees zeros until the writer writes. Only pages past the writer's published position
 * are touched, at most {@link #AHEAD} bytes past it, inside the chunk Chronicle has mapped there
 * (never growing the file itself).
 *
 * <p>The writer publishes its cycle file and position with a release store after each append
 * ({@link #wrote}): no lock, no allocation, no system call on the writer's path.
 */
final class JournalPretoucher implements Runnable, ReferenceOwner {
    /** How far ahead of the writer pages are touched: a few milliseconds of appends at full speed. */
    static final long AHEAD = 4L << 20;
    private static final long PAGE = 4096;
    /** Sleep while the writer is idle or the window ahead is touched; longer after a while of nothing. */
    private static final long BUSY_PARK_NANOS = 200_000;
    private static final long IDLE_PARK_NANOS = 20_000_000;

    private static final VarHandle FILE;
    private static final VarHandle POSITION;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FILE = l.findVarHandle(JournalPretoucher.class, "file", MappedFile.class);
            POSITION = l.findVarHandle(JournalPretoucher.class, "position", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through FILE
    private MappedFile file;
    @SuppressWarnings("unused") // through POSITION
    private long position;
    private volatile boolean running = true;
    private final Thread thread;
    /** Pages touched before the writer got there (for tests and diagnostics). */
    private volatile long pagesTouched;

    JournalPretoucher(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Writer side: the file and position just written to (end of the last entry). */
    void wrote(MappedFile f, long writePosition) {
        if (FILE.getOpaque(this) != f) {
            FILE.setRelease(this, f);
        }
        POSITION.setRelease(this, writePosition);
    }

    long pagesTouched() {
        return pagesTouched;
    }

    @Override
    public void run() {
        MappedFile current = null;
        long touchedTo = 0;
        int idleRounds = 0;
        while (running) {
            long pos = (long) POSITION.getAcquire(this);
            MappedFile f = (MappedFile) FILE.getAcquire(this);
            if (f != current) {
                current = f;
                touchedTo = 0;
            }
            long from = Math.max(touchedTo, (pos + PAGE) & ~(PAGE - 1)); // pages wholly past the writer
            long to = pos + AHEAD;
            long reached = f == null || from >= to ? from : touch(f, pos, from, to);
            if (reached > from) {
                touchedTo = reached;
                idleRounds = 0;
            } else {
                // all touched, or the rest lies in the next chunk, which the writer maps when it gets there
                idleRounds++;
                LockSupport.parkNanos(idleRounds > 1000 ? IDLE_PARK_NANOS : BUSY_PARK_NANOS);
            }
        }
    }

    /**
     * Touches the pages at [from, to) that lie in the chunk the writer is in (mapped by the writer
     * already at {@code writerPosition}: touching never maps or grows the file); returns where it
     * stopped. A file or chunk Chronicle has released meanwhile (a rolled cycle, a closed queue)
     * is left alone.
     */
    private long touch(MappedFile f, long writerPosition, long from, long to) {
        try {
            if (!f.tryReserve(this)) {
                return from;
            }
        } catch (RuntimeException e) {
            return from; // released: the writer has moved on to another file
        }
        try {
            MappedBytesStore store = f.acquireByteStore(this, writerPosition);
            try {
                long end = Math.min(to, store.safeLimit());
                long p = from;
                long n = 0;
                for (; p + 4 <= end && running; p += PAGE) {
                    if (!store.inside(p, 4)) {
                        break;
                    }
                    store.compareAndSwapInt(p, 0, 0);
                    n++;
                }
                pagesTouched += n;
                return p;
            } finally {
                store.release(this);
            }
        } catch (Exception | AssertionError e) {
            return from; // released under us or not mappable: the writer maps it itself
        } finally {
            f.release(this);
        }
    }

    /** Stops the thread and waits for it, so that it holds no chunk when the queue closes. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
