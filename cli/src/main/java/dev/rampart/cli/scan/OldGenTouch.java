package dev.rampart.cli.scan;

/**
 * Faults in the old generation's first pages on a spare core while the main thread starts, in
 * place of the JVM's {@code -XX:+AlwaysPreTouch}, which touches the whole initial heap on the main
 * thread before {@code main} runs: with transparent huge pages the kernel may compact memory for
 * each 2 MiB page it hands out, and on a busy machine that was 0.1-0.6 s of system time before
 * the first line of Java (ET Open load-only scan, ready after JVM start: median 2.47 -> 2.07 s at
 * machine load ~7 without it).
 *
 * <p>How: the launcher starts an offline scan with {@code -XX:PretenureSizeThreshold} below
 * {@link #CHUNK}, so each chunk allocated here goes straight into the old generation, where the
 * JVM zeroes it (touching its pages) on this thread; the chunks are dropped at once. When the rules
 * are about to be read, {@link #beforeRuleLoad} ends the touch where it got to and collects once,
 * while little is live (~3 MB, 12-18 ms): the chunks' touched pages are then where the load promotes
 * its plan (~35 MB) and the flows' state after it (the reason the launcher pretouched at all: a young
 * collection promoting into untouched pages paused 60-100 ms in the kernel; on this VM a first touch
 * also costs a host fault, fresh pages ~0.44 GB/s against ~3.8 GB/s reused). Before, the chunks stayed
 * until a full collection after the load, so the load promoted above them into untouched pages: ET
 * Open load-only, young collections of the load 135-310 -> ~100-110 ms, and the collection after the
 * load ({@code ScanCommand.settleHeap}, 55-90 ms, ~34 MB live) is no longer needed. Sized below the old
 * generation's free room, so it never forces a collection.
 */
public final class OldGenTouch {
    /** Bytes per chunk: above the launcher's pretenuring threshold (4 MB), small enough to zero quickly. */
    static final int CHUNK = (4 << 20) + (64 << 10);

    private OldGenTouch() {
    }

    private static volatile Thread running;
    private static volatile boolean stop;

    /**
     * Called when the rules are about to be read: stops the touch (it finishes at most the chunk it
     * is on) and collects, so that the old generation's touched pages are free for the load's
     * promotions. Nothing when no touch was started.
     *
     * @return whether it collected
     */
    public static boolean beforeRuleLoad() {
        return beforeRuleLoad(0);
    }

    /**
     * The longest a scan of a large capture waits for the touch to end on its own. On a busy machine the
     * touch had not reached its size when the rules were read (the collection before the load freed
     * 140 instead of 160-175 MB); the packet phase then promoted into untouched pages, and its young
     * collections paused 30-60 ms each in the kernel (500 MB, 2 workers, 1 run in 6; ~10 ms otherwise)
     * with both workers stopped. Those faults are paid either way; before the load they stop one thread.
     */
    static final long FINISH_WAIT_NANOS = 1_000_000_000L;

    /**
     * As {@link #beforeRuleLoad()}, after letting the touch run on for up to {@code finishWithinNanos}
     * (0: stop it at once) to reach its size.
     */
    public static boolean beforeRuleLoad(long finishWithinNanos) {
        Thread t = running;
        if (t == null) {
            return false;
        }
        running = null;
        if (finishWithinNanos > 0) {
            try {
                t.join(Math.max(1, finishWithinNanos / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop = true;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // the touch still stops: the flag stays set until the next start()
        }
        stop = false;
        // not governed by -Drampart.settleHeap=false, which skips only ScanCommand.settleHeap's
        // collection after the plan (the one this makes unnecessary)
        System.gc();
        return true;
    }

    /**
     * Starts touching {@code -Drampart.old-gen-touch-mb} megabytes (set by the launcher; nothing
     * when unset or 0) on a daemon thread; returns it, or null when there is nothing to do.
     */
    public static Thread start() {
        long mb = Long.getLong("rampart.old-gen-touch-mb", 0);
        if (mb <= 0) {
            return null;
        }
        Thread t = new Thread(() -> touch(mb << 20), "rampart-old-gen-touch");
        t.setDaemon(true);
        stop = false;
        running = t;
        t.start();
        return t;
    }

    /** Chunks the last touch allocated (tests). */
    private static volatile int lastTouched;

    static int lastTouched() {
        return lastTouched;
    }

    /** Allocates about {@code bytes} in chunks and drops each at once; returns the number allocated. */
    static int touch(long bytes) {
        int chunks = (int) Math.max(1, bytes / CHUNK);
        int made = 0;
        try {
            for (int i = 0; i < chunks && !stop; i++) {
                // old-generation space is not handed out again before a full collection, so a dropped
                // chunk's pages stay touched and the next chunk lies above it
                byte[] chunk = new byte[CHUNK];
                made += chunk.length == CHUNK ? 1 : 0;
            }
        } catch (OutOfMemoryError e) {
            // a smaller heap than the launcher's: the touch only goes as far as it can
        }
        lastTouched = made;
        return made;
    }
}
