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
     * The longest a scan of a large capture waits for the touch to end on its own. On a busy machine the
     * touch had not reached its size when the rules were read (the collection before the load freed
     * 140 instead of 160-175 MB); the packet phase then promoted into untouched pages, and its young
     * collections paused 30-60 ms each in the kernel (500 MB, 2 workers, 1 run in 6; ~10 ms otherwise)
     * with both workers stopped. Those faults are paid either way; before the load they stop one thread.
     */
    static final long FINISH_WAIT_NANOS = 1_000_000_000L;

    /**
     * Called when the rules are about to be read: lets the touch run on for up to {@code
     * finishWithinNanos} (0: not at all) to reach its size, then stops it (it finishes at most the
     * chunk it is on) and collects, so that the old generation's touched pages are free for the
     * load's promotions. Nothing when no touch was started.
     *
     * @return whether it collected
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
            return false; // the touch still stops: the flag stays set until the next start
        }
        stop = false;
        // not governed by -Drampart.settleHeap=false, which skips only ScanCommand.settleHeap's
        // collection after the plan (the one this makes unnecessary)
        System.gc();
        return true;
    }

    /**
     * Starts touching {@code -Drampart.old-gen-touch-mb} megabytes (set by the launcher; nothing
     * when unset or 0) on a daemon thread, more for a large capture that the scan's command line
     * {@code args} names ({@code -r FILE}; {@link #sizeMb} says how much); returns the thread, or
     * null when there is nothing to do.
     */
    public static Thread start(String[] args) {
        long base = Long.getLong("rampart.old-gen-touch-mb", 0);
        if (base <= 0) {
            return null;
        }
        long capture = captureBytes(args);
        Thread t = new Thread(() -> touch(sizeMb(base, capture, oldGenRoomMb()) << 20), "rampart-old-gen-touch");
        t.setDaemon(true);
        stop = false;
        running = t;
        t.start();
        return t;
    }

    /**
     * Old-generation megabytes a capture promotes per GiB past its first 512 MiB: the flows' state
     * and pooled buffers that outlive a young collection (generator captures, ET Open, one packet
     * thread or two: the old generation ended at ~165 MB after a 500 MB scan and ~230 MB after a
     * 2 GB one). Past the touched pages each young collection promoted into fresh ones and paused
     * 46-58 ms instead of 10-20 (2 GB, 2 workers: three such pauses, both workers stopped).
     */
    static final long GROWTH_MB_PER_GIB = 48;
    /** What {@link #sizeMb} leaves free in the old generation: the touch must never force a collection. */
    static final long ROOM_MARGIN_MB = 8;

    /**
     * Megabytes to touch: {@code baseMb} (the launcher's setting), plus {@link #GROWTH_MB_PER_GIB}
     * per GiB of a capture past 512 MiB, at most {@code roomMb} (the old generation's committed
     * size less {@link #ROOM_MARGIN_MB}), never less than {@code baseMb}.
     */
    static long sizeMb(long baseMb, long captureBytes, long roomMb) {
        long mib = captureBytes >> 20;
        if (mib <= 512) {
            return baseMb;
        }
        long grown = baseMb + (mib - 512) * GROWTH_MB_PER_GIB / 1024;
        return Math.max(baseMb, Math.min(grown, roomMb));
    }

    /**
     * Size of the file after {@code -r} in a scan's arguments, or 0 (none, or unreadable). The forms
     * picocli takes for a short option: {@code -r FILE}, {@code -rFILE} and {@code -r=FILE}.
     */
    static long captureBytes(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String file = null;
            if (args[i].equals("-r") && i + 1 < args.length) {
                file = args[i + 1];
            } else if (args[i].startsWith("-r") && args[i].length() > 2) {
                file = args[i].substring(args[i].charAt(2) == '=' ? 3 : 2);
            }
            if (file != null) {
                try {
                    return java.nio.file.Files.size(java.nio.file.Path.of(file));
                } catch (java.io.IOException | RuntimeException e) {
                    return 0; // the scan reports it
                }
            }
        }
        return 0;
    }

    /** The old generation's committed megabytes less {@link #ROOM_MARGIN_MB}; 0 when the JVM does not say. */
    static long oldGenRoomMb() {
        for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            String n = p.getName();
            if (p.getType() == java.lang.management.MemoryType.HEAP && (n.contains("Tenured") || n.contains("Old"))) {
                return Math.max(0, (p.getUsage().getCommitted() >> 20) - ROOM_MARGIN_MB);
            }
        }
        return 0;
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
