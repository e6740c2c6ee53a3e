package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameKey;
import dev.rampart.capture.FrameOwner;
import dev.rampart.capture.FrameSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed number of readers of one capture file that walk it side by side (the offline workers
 * runmode's file fanout: every worker thread reads every record and keeps its own) and share its
 * windows, each read once, instead of each reading the file for itself.
 *
 * <p>The file is cut into a grid of windows of {@link #WINDOW} bytes; window {@code k} holds
 * {@code [k * WINDOW, (k + 1) * WINDOW + OVERLAP)} so that a record starting inside the window's
 * first {@code WINDOW} bytes lies wholly in it when it is shorter than {@link #OVERLAP} (a
 * reader reads a private copy for longer ones: pcapng blocks up to 16 MiB). A window is read (into
 * a direct buffer from a small pool) by the first reader that needs it, outside the group's lock,
 * and released to the pool when every reader has passed it (moved to a later window or closed): a
 * reader passes a window only where no frame of it is in use (see {@link WindowedCaptureFile}), so
 * no reader can still be reading a window whose buffer is reused. The windows held at a time span
 * the readers' spread (the slowest to the fastest) and count in the process's RSS: so a reader
 * that gets more than {@link #lead} windows ahead of the slowest open reader waits for it (a 3.2 GB
 * capture with 14 workers, unbounded, had up to 2.8 GB resident when windows were mappings). A
 * reader that does not move for a second stops holding the others back (until it moves again), so
 * one that stopped without closing cannot stall them. Windows were read-only mappings before, and
 * shared for the same reason (N private mappings took N faults per page: ~2 CPU-s per worker on a
 * 16-core gVisor machine, 3.2 GB capture, 14 workers); reads replaced them because page faults
 * and TLB misses on fresh mappings cost more than the copy on these virtual machines (see
 * {@link WindowedCaptureFile}).
 *
 * <p>Record index ({@link #indexBy}, pcap files): each window's records are walked once, by
 * whichever reader needs the window first (a reader entering window {@code k} also builds
 * {@code k + 1}'s), into each worker's share of it: offsets, lengths and times of its records.
 * A reader follows its own share: it hands over only its worker's frames, numbered as in the
 * file, and counts the others' ({@link dev.rampart.capture.FrameHandler#onSkipped}) without
 * touching them (handing every frame over for the handler to drop cost each reader a call and an
 * owner test per record of the others'). A walk that reads its window in reads it in
 * {@link #STEP}s and walks each step's records at once, while they are in this core's cache.
 * Without the index each of N readers walks the whole file, a chain of dependent reads of every record header
 * (~0.18 CPU-s a 500 MB file under C1), so the walk's share grows with N. A window's walk starts
 * where the previous window's ended: the chain stays one walk, split among the readers.
 *
 * <p>Balanced index ({@link #balanceBy}): instead of a fixed owner function the walk gets each
 * frame's flow key (the pipeline's address-pair hash) and gives a key it has not seen yet to the
 * reader with the least recent work for its weight, the weights following the readers' progress
 * ({@link FanoutBalancer}); a key keeps its reader for the rest of the file, so a flow, its
 * fragments and the other flows between the same addresses stay on one worker. Why: with a fixed
 * split the slower reader sets the wall, and on a shared machine one core is often slower than the
 * other for seconds (2 GB scan, 2 workers: the faster reader parked at its lead 1.0 and 2.5 s of
 * a 9-10 s wall); Suricata's autofp "active-packets" scheduler likewise gives a new flow to the
 * emptiest queue.
 */
public final class FileFanout implements AutoCloseable {
    /**
     * Grid step. 1 MiB, not the private reader's 8 MiB: the windows held at a time are the readers'
     * spread at this grain, so less of them is resident (500 MB ET Open scan, 2 workers: peak RSS
     * 300 -> 272-288 MB; against the 8 MiB grid in five series of interleaved rounds, the same wall
     * within the noise, paired 0.96-1.03).
     */
    static final long WINDOW = 1L << 20;
    /**
     * Bytes each window reaches past its step: a record of any IP packet (at most 64 KiB), with its
     * link header and its pcap record header or pcapng block and options, fits; a longer one is read
     * privately. With a record index only the bytes up to the window's last record are read (see
     * {@link #walk}); without one (pcapng) every window's overlap is read twice, at the end of one
     * window and in the next: 7% of the file.
     */
    static final long OVERLAP = 72L << 10;
    /** The least lead a group allows, in readers' worth (see {@link #lead}). */
    static final int MIN_LEAD = 2;
    /** Bytes of lead each reader's worth allows: the 8 MiB window of the grid before it was 1 MiB. */
    static final long LEAD_BYTES_PER_READER = 8L << 20;
    /** A walk that reads its window in reads it in steps of this many bytes (see {@link #fill}). */
    static final int STEP = 256 << 10;
    /**
     * Window buffers {@link #prepare} allocates: about what 2 readers use in all (500 MB scan: 4-10
     * windows held at a time). More readers allocate more as they need them.
     */
    static final int PREPARED_BUFFERS = 8;
    private static final int NOT_READING = Integer.MAX_VALUE;

    private final Path path;
    private final int readers;
    /** {@link #WINDOW}, {@link #OVERLAP}, {@link #lead} (tests make them small). */
    private final long window;
    private final long overlap;
    private final int maxLead;
    /** {@link #STEP} (tests make it small). */
    private final int step;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer[] windows;
    /** Per window: a reader is reading it in (outside the lock); the others wait for it. */
    private final boolean[] loading;
    /** Window buffers of passed windows, for the next windows to read into (at most {@link #maxLead} + 2). */
    private final java.util.ArrayDeque<ByteBuffer> pool = new java.util.ArrayDeque<>();
    /** Readers that have passed each window; the last one releases it. */
    private final AtomicIntegerArray passed;
    /** Each reader's current grid window; {@link #NOT_READING} before it opens and after it closes. */
    private final AtomicIntegerArray at;
    /** Per reader: nanoseconds it waited in {@link #moveTo} for the slowest (written by that reader only). */
    private final long[] leadWaitNanos;
    /**
     * Nanoseconds readers waited, all together, for a window another reader was walking
     * ({@link #index}) or reading in ({@link #inOrClaim}): time off the CPU that no lead wait,
     * empty ring or run queue shows.
     */
    private final java.util.concurrent.atomic.AtomicLong handoffWaitNanos = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Nanoseconds spent walking windows, all walks together. The walks form one chain (each starts
     * where the previous one ended), so this over the scan's wall is how busy that serial part is.
     */
    private final java.util.concurrent.atomic.LongAdder walkNanos = new java.util.concurrent.atomic.LongAdder();
    /**
     * The fewest readers for which the readers read windows in ahead of the walks ({@link
     * #readAhead}) instead of each walk reading its window in as it goes ({@link
     * #readsAhead(boolean)} overrides it: {@code rampart scan --set
     * rampart.file-fanout-read-ahead=yes|no}). The walks are one chain whatever the number of
     * readers, so they bound how fast any number of workers can take the file, and reading in is
     * about half of the chain: 500 MB scan, 2 workers, {@code rampart.pipeline.fanout_walk_ms}
     * 191-245 ms of a ~1.1 s wall, 111-134 ms reading ahead.
     * <ul>
     * <li>Few readers: that buys nothing. The walks then meet each record header as a cache miss
     * (the other core read it); 2 workers' wall and CPU were the same within the noise (6
     * interleaved rounds, paired 0.98); readers that do nothing but take frames ({@code
     * FanoutWalkBenchmark}) were as fast with 2 readers (7.5 M frames/s both ways) and slower with
     * one (6.8 against 7.9).
     * <li>Many readers: the chain may be what they wait for (spinning, yielding and parking in
     * turn, {@link #index(int)}). 14 workers on the lent 16-core machine took the file at ~2.2
     * GB/s, 12.4 times one worker's rate. Inside a scan here a chain that reads in walks 2.0-2.6
     * GB/s (the walkers are workers, their caches full of detection's state), 8-10 times the
     * single runmode's ~0.25 GB/s; with nothing else to do, ~5 GB/s. There the threads' CPU grew
     * by 11-13% at 8 and 14 workers and not below, as readers waiting for the chain would make
     * it. Not measured there yet: {@code perf/device/diag} runs 8 and 14 workers both ways.
     * </ul>
     */
    static final int READ_AHEAD_READERS = 8;
    /** Whether this group reads ahead ({@link #READ_AHEAD_READERS}; set before the readers open). */
    private boolean readsAhead;
    /** Bytes read into grid windows (not readers' private reads of longer records). */
    private final java.util.concurrent.atomic.LongAdder windowBytesRead = new java.util.concurrent.atomic.LongAdder();
    /** Runs before a reader reads a window in ({@link #window}; tests hold a read up with it). */
    Runnable beforeWindowRead;
    /** With a record index: the worker of each frame, the pcap header's fields, and the windows' indexes. */
    private FrameOwner owner;
    private PcapFileSource.Header header;
    private AtomicReferenceArray<WindowIndex> indexes;
    /** Per window: 0 no reader has claimed its walk, 1 one has (its index is set when done). */
    private AtomicIntegerArray claims;
    /** Balanced index ({@link #balanceBy}): who reads each flow; null: a fixed owner function. */
    private FanoutBalancer balancer;
    /**
     * Indexes of windows every reader has passed, whose arrays the next walks reuse: at most the
     * lead's worth of windows is indexed at a time, so steady state allocates nothing (on a 2 GB
     * capture, fresh arrays for each of its 254 windows added ~70 MB of heap to the peak RSS).
     */
    private final java.util.ArrayDeque<WindowIndex> spares = new java.util.ArrayDeque<>();
    private int opened;
    private final boolean[] isOpen;
    private long read;
    private long released;
    /** Window buffers allocated (the pool's misses). */
    private int allocated;

    private FileFanout(Path path, int readers, long window, long overlap, int maxLead, int step) throws CaptureException {
        this.path = path;
        this.step = step;
        this.readers = readers;
        this.window = window;
        this.overlap = overlap;
        this.maxLead = maxLead;
        this.readsAhead = readers >= READ_AHEAD_READERS;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            throw new CaptureException(path + ": cannot open: " + e.getMessage(), e);
        }
        long n = (size + window - 1) / window;
        if (n > Integer.MAX_VALUE - 8) {
            throw new CaptureException(path + ": too large to share (" + size + " bytes)");
        }
        this.windows = new ByteBuffer[(int) Math.max(n, 1)];
        this.loading = new boolean[windows.length];
        this.passed = new AtomicIntegerArray(windows.length);
        this.at = new AtomicIntegerArray(readers);
        this.leadWaitNanos = new long[readers];
        this.isOpen = new boolean[readers];
        for (int i = 0; i < readers; i++) {
            at.set(i, NOT_READING);
        }
    }

    /** A group of {@code readers} readers of {@code path}; open each with {@link #open()}. */
    public static FileFanout of(Path path, int readers) throws CaptureException {
        return of(path, readers, WINDOW, OVERLAP, lead(readers));
    }

    /**
     * Windows a reader of a group of {@code readers} may be ahead of the slowest: 8 MiB per reader,
     * 16 MiB at least, as when the grid was 8 MiB windows and the lead one window per reader. The
     * span held at a time is at most that plus a window, and it counts in RSS: a fixed 128 MiB put 2
     * workers' peak RSS on a 500 MB capture at 400-446 MB (rings: 325-337 MB), 16 MiB at
     * 329-334 MB, with no slower a scan. With the 1 MiB grid a lead of 4 MiB held as much (272-277
     * MB) but readers waited for each other (0-31 ms a run against none at 16 MiB): the spread
     * follows the cores' speed, and RSS follows the spread at the grid's grain, not the lead. More
     * readers get more slack: each waits for the slowest of them over its own share of frames.
     */
    static int lead(int readers) {
        return (int) (Math.max(MIN_LEAD, readers) * LEAD_BYTES_PER_READER / WINDOW);
    }

    /** With another grid (tests: small windows so that a small file has many). */
    static FileFanout of(Path path, int readers, long window, long overlap, int maxLead) throws CaptureException {
        return of(path, readers, window, overlap, maxLead, STEP);
    }

    /** With another grid and walk step (tests: steps shorter than records). */
    static FileFanout of(Path path, int readers, long window, long overlap, int maxLead, int step)
            throws CaptureException {
        if (readers < 1 || window < 1 || overlap < 0 || maxLead < 1 || step < 1) {
            throw new IllegalArgumentException("readers " + readers + ", window " + window + ", overlap " + overlap
                    + ", lead " + maxLead + ", step " + step);
        }
        return new FileFanout(path, readers, window, overlap, maxLead, step);
    }

    /**
     * Opens one of the group's readers (pcap or pcapng by the magic number). Each must be closed:
     * a reader that is never opened or closed keeps the windows it did not pass in memory until
     * {@link #close()}.
     */
    public FrameSource open() throws CaptureException {
        int id;
        synchronized (this) {
            id = 0;
            while (id < readers && isOpen[id]) {
                id++;
            }
        }
        return open(id);
    }

    /**
     * Opens reader number {@code id} (0 ≤ id &lt; readers, each once): with a balanced index, reader
     * {@code id} is the one that processes the frames given to worker {@code id}, so a pipeline opens
     * each worker's reader by the worker's number.
     */
    public FrameSource open(int id) throws CaptureException {
        synchronized (this) {
            if (opened == readers) {
                throw new IllegalStateException(path + ": all " + readers + " readers of the fanout are open");
            }
            if (id < 0 || id >= readers || isOpen[id]) {
                throw new IllegalArgumentException(path + ": reader " + id + " of " + readers + " is open or does not exist");
            }
            isOpen[id] = true;
            opened++;
        }
        at.set(id, 0);
        return CaptureFiles.open(new WindowedCaptureFile(this, id));
    }

    /**
     * Reader {@code id} moves to window {@code k}: waits while that is more than {@link #lead}
     * windows ahead of the slowest open reader (at most a second without that reader moving).
     */
    void moveTo(int id, int k) {
        at.set(id, k);
        int slowest = slowest();
        if (slowest == NOT_READING || k - slowest <= maxLead) {
            return;
        }
        long start = System.nanoTime();
        long deadline = 0;
        while (slowest != NOT_READING && k - slowest > maxLead) {
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + 1_000_000_000L;
            } else if (now - deadline > 0) {
                // the slowest reader has not moved for a second (stopped without closing?): it no longer
                // holds the others back, until it moves again (moveTo puts it back)
                for (int i = 0; i < readers; i++) {
                    at.compareAndSet(i, slowest, NOT_READING);
                }
                slowest = slowest();
                deadline = 0;
                continue;
            }
            LockSupport.parkNanos(100_000);
            int s = slowest();
            if (s != slowest) {
                slowest = s;
                deadline = 0;
            }
        }
        leadWaitNanos[id] += System.nanoTime() - start;
    }

    /**
     * The longest any reader waited for the slowest one so far, in ms (its lead used up: the
     * processing of its frames ran ahead of another reader's). Read after the readers are closed.
     */
    public synchronized long maxLeadWaitMillis() {
        long max = 0;
        for (long w : leadWaitNanos) {
            max = Math.max(max, w);
        }
        return max / 1_000_000;
    }

    /** A reader that waited since {@code startNanos} for a window another one was walking or reading in has it now. */
    private void handoffWaited(long startNanos) {
        handoffWaitNanos.addAndGet(System.nanoTime() - startNanos);
    }

    /** Time spent walking windows for the record index, in ms (see {@link #walkNanos}). */
    public long walkMillis() {
        return walkNanos.sum() / 1_000_000;
    }

    /** All readers' waits for a window another reader was walking or reading in, in ms (see {@link #handoffWaitNanos}). */
    public long handoffWaitMillis() {
        return handoffWaitNanos.get() / 1_000_000;
    }

    /**
     * The records that start in one grid window, split by reader ({@link Share}): a reader follows
     * its own share and only counts the others' records ({@link dev.rampart.capture.FrameHandler#onSkipped}),
     * so it neither walks nor hands over frames it would drop. Also the walk's end (the next window's
     * first record) and the corruption that stopped it, if any. Written by the reader that walked it
     * before it is published ({@link #indexes}), read-only after.
     */
    static final class WindowIndex {
        final long base;
        /** Records before this window's first. */
        final long recordsBefore;
        /** Records starting in this window (every reader's). */
        int count;
        final Share[] shares;
        long end;
        CaptureException error;
        /** {@link System#nanoTime()} when the walk ended: its records' bytes are in memory, a reader may take them. */
        long indexedNanos;

        WindowIndex(long base, long recordsBefore, WindowIndex spare, int readers, long window, WindowIndex prev) {
            this.base = base;
            this.recordsBefore = recordsBefore;
            if (spare != null) { // the arrays of a window every reader has passed (its own now unread)
                shares = spare.shares;
                for (Share s : shares) {
                    s.count = 0;
                    s.bytes = 0;
                }
            } else {
                // each share sized for the previous window's and a quarter more (the split follows the
                // cores), the first for ~1 KB records split evenly: regrowth copied ~10 MB on 500 MB
                shares = new Share[readers];
                for (int r = 0; r < readers; r++) {
                    long expect = prev != null ? prev.shares[r].count * 5L / 4 : (window >> 10) / readers;
                    shares[r] = new Share((int) Math.min(1 << 16, Math.max(256, expect + 64)));
                }
            }
        }

        void add(int reader, int r, int c, int captured, int o, long t) {
            shares[reader].add(count, r, c, captured, o, t);
            count++;
        }

        /** Captured bytes (cut to the snaplen) of the records starting in this window, every reader's. */
        long bytes() {
            long b = 0;
            for (Share s : shares) {
                b += s.bytes;
            }
            return b;
        }
    }

    /** One reader's records of a window, in file order: number in the window, offset, lengths, time. */
    static final class Share {
        int count;
        long bytes;
        int[] seq;
        int[] rel;
        int[] caplen;
        int[] origlen;
        long[] ts;

        Share(int capacity) {
            seq = new int[capacity];
            rel = new int[capacity];
            caplen = new int[capacity];
            origlen = new int[capacity];
            ts = new long[capacity];
        }

        void add(int q, int r, int c, int captured, int o, long t) {
            if (count == rel.length) {
                int n = count * 2;
                seq = java.util.Arrays.copyOf(seq, n);
                rel = java.util.Arrays.copyOf(rel, n);
                caplen = java.util.Arrays.copyOf(caplen, n);
                origlen = java.util.Arrays.copyOf(origlen, n);
                ts = java.util.Arrays.copyOf(ts, n);
            }
            seq[count] = q;
            rel[count] = r;
            caplen[count] = c;
            origlen[count] = o;
            ts[count] = t;
            count++;
            bytes += captured;
        }
    }

    /**
     * Walks each window's records once for all readers and gives every frame its worker from
     * {@code owner} ({@link dev.rampart.capture.Frame#owner}). Call before opening any reader; a
     * file that is not pcap (pcapng: interface blocks give each packet its link type and clock)
     * stays unindexed, and so does one whose header does not parse (the readers then report it).
     *
     * @return whether the readers follow an index
     */
    public synchronized boolean indexBy(FrameOwner owner) {
        return index(owner, null);
    }

    /**
     * Walks each window's records once for all readers, as {@link #indexBy}, and gives each flow key
     * its reader when the walk meets it first: the reader with the least work waiting then (see the
     * class comment). Frames without a key go to reader 0. Call before opening any reader; a file
     * that cannot be indexed (pcapng) is not balanced either.
     *
     * @return whether the readers follow a balanced index
     */
    public synchronized boolean balanceBy(FrameKey key) {
        return index(null, key);
    }

    private boolean index(FrameOwner owner, FrameKey key) {
        if (opened > 0) {
            throw new IllegalStateException(path + ": a record index must be set before the readers open");
        }
        if (key != null && readers > FanoutBalancer.MAX_READERS) {
            return false; // so many readers keep the fixed split
        }
        if (size < PcapFileSource.FILE_HEADER_LENGTH) {
            return false;
        }
        PcapFileSource.Header h;
        try {
            h = PcapFileSource.Header.of(window(0));
        } catch (CaptureException e) {
            return false;
        }
        if (h == null) {
            return false;
        }
        this.header = h;
        this.indexes = new AtomicReferenceArray<>(windows.length);
        this.claims = new AtomicIntegerArray(windows.length);
        if (key != null) {
            this.balancer = new FanoutBalancer(readers, key);
            this.owner = balancer::ownerOf;
        } else {
            this.owner = owner;
        }
        return true;
    }

    /** Whether the readers follow a balanced index ({@link #balanceBy}). */
    public synchronized boolean balanced() {
        return balancer != null;
    }

    /** Balanced index: the flow keys the walk has given a reader so far (read after the readers are done). */
    public synchronized int balancedKeys() {
        return balancer == null ? 0 : balancer.keys();
    }

    /** Reader {@code id} has reached record number {@code record} (a balanced index's progress; call every few dozen). */
    void reached(int id, long record) {
        if (balancer != null) {
            balancer.reached(id, record);
        }
    }

    /** Sets whether the readers read windows ahead of the walks ({@link #READ_AHEAD_READERS}); call before they open. */
    public synchronized void readsAhead(boolean on) {
        readsAhead = on;
    }

    /** Whether the readers read windows ahead of the walks. */
    public synchronized boolean readsAhead() {
        return readsAhead;
    }

    /** Whether readers follow a record index ({@link #indexBy}). */
    public synchronized boolean indexed() {
        return owner != null;
    }

    /** Window {@code k}'s index: walked here (and any window before it not walked yet) or waited for. */
    WindowIndex index(int k) {
        int waits = 0;
        long waitStart = 0;
        while (true) {
            WindowIndex w = indexes.get(k);
            if (w != null) {
                if (waits > 0) {
                    handoffWaited(waitStart);
                }
                return w;
            }
            int j = k; // the first window not walked: its predecessor is (or it is the first)
            while (j > 0 && indexes.get(j - 1) == null) {
                j--;
            }
            if (tryWalk(j)) {
                continue;
            }
            if (waits == 0) {
                waitStart = System.nanoTime();
            }
            if (waits++ < 64) {
                Thread.onSpinWait();
            } else if (waits < 80) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000); // another reader walks it: ~0.4 ms for 1 MiB of records
            }
        }
    }

    /** Walks window {@code k} now when its predecessor is walked and no reader has claimed it. */
    void buildAhead(int k) {
        if (k < windows.length && indexes.get(k) == null && indexes.get(k - 1) != null) {
            tryWalk(k);
        }
    }

    /** Walks window {@code k} and publishes its index, unless another reader has claimed it; returns whether it did. */
    private boolean tryWalk(int k) {
        if (!claims.compareAndSet(k, 0, 1)) {
            return false;
        }
        long start = System.nanoTime();
        WindowIndex w = walk(k);
        walkNanos.add(w.indexedNanos - start);
        indexes.set(k, w);
        return true;
    }

    /**
     * The records starting in window {@code k}, from where window {@code k - 1}'s walk ended: the
     * checks and messages of {@link PcapFileSource#next}, so a corrupt record stops every reader
     * where it would stop one reading alone.
     */
    private WindowIndex walk(int k) {
        WindowIndex prev = k == 0 ? null : indexes.get(k - 1);
        long start = prev == null ? PcapFileSource.FILE_HEADER_LENGTH : prev.end;
        long base = k * window;
        WindowIndex spare;
        synchronized (spares) {
            spare = spares.poll();
        }
        WindowIndex w = new WindowIndex(base, prev == null ? 0 : prev.recordsBefore + prev.count, spare, readers,
                window, prev);
        long pos = start;
        if (prev != null && prev.error != null) {
            w.end = pos;
            return w; // the file ends at the previous window's corruption
        }
        int len = windowLength(k);
        ByteBuffer b = null;
        boolean reading = false; // this walk reads the window in, step by step
        int filled = 0; // b holds the file's bytes up to here; the walk reads more as records need them
        try {
            long limit = Math.min(size, base + window);
            if (balancer != null) {
                balancer.nextWindow(prev == null ? 0 : prev.count);
            }
            b = inOrClaim(k);
            if (b == null) {
                reading = true;
                b = claimed(len);
                // from its first record on: the bytes before it end the previous window's last record,
                // which readers take from that window (a record is read from the window its start falls in)
                filled = (int) Math.min(Math.max(0, start - base), len);
            } else {
                filled = b.limit(); // read ahead to the grid line (readAhead), or whole
                b.limit(len); // a buffer's capacity is at least a window's length
            }
            boolean swapped = header.swapped();
            int snaplen = header.snaplen();
            while (pos < limit) {
                if (pos + PcapFileSource.RECORD_HEADER_LENGTH > size) {
                    w.error = corrupt(pos, PcapFileSource.truncatedHeader(size - pos));
                    break;
                }
                int i = (int) (pos - base);
                if (i + PcapFileSource.RECORD_HEADER_LENGTH > filled) {
                    filled = fill(b, base, filled, i + PcapFileSource.RECORD_HEADER_LENGTH, len);
                }
                long seconds = FileBytes.u32(b, i, swapped);
                long fraction = FileBytes.u32(b, i + 4, swapped);
                long caplen = FileBytes.u32(b, i + 8, swapped);
                long origlen = FileBytes.u32(b, i + 12, swapped);
                String problem = PcapFileSource.recordProblem(caplen, origlen);
                if (problem != null) {
                    w.error = corrupt(pos, problem);
                    break;
                }
                int rl = (int) caplen;
                if (pos + PcapFileSource.RECORD_HEADER_LENGTH + rl > size) {
                    w.error = corrupt(pos, PcapFileSource.truncatedRecord(size - pos - PcapFileSource.RECORD_HEADER_LENGTH, rl));
                    break;
                }
                if (i + PcapFileSource.RECORD_HEADER_LENGTH + rl > filled) {
                    filled = fill(b, base, filled, i + PcapFileSource.RECORD_HEADER_LENGTH + rl, len);
                }
                int worker = ownerOf(b, i, pos, rl);
                w.add(worker, i, rl, Math.min(rl, snaplen), (int) Math.min(origlen, Integer.MAX_VALUE),
                        header.timeNanos(seconds, fraction));
                pos += PcapFileSource.RECORD_HEADER_LENGTH + rl;
            }
        } catch (CaptureException e) {
            w.error = e;
        } catch (RuntimeException e) {
            w.error = new CaptureException(path + ": offset " + pos + ": record index: " + e, e);
        }
        if (b != null) {
            // the readers take only the indexed records, all within what the walk read; after a corrupt
            // record they get the whole window (its bytes, the overlap), as without an index
            boolean whole = false;
            try {
                if (w.error != null) {
                    filled = fill(b, base, filled, len, len);
                }
                whole = true;
            } catch (CaptureException e) {
                if (w.error == null) {
                    w.error = e;
                }
            } finally {
                if (reading) {
                    endRead(k, b.limit(filled), whole);
                } else {
                    readTo(k, filled);
                }
            }
        }
        w.end = pos;
        w.indexedNanos = System.nanoTime();
        return w;
    }

    /**
     * Reads bytes {@code [filled, to)} of window buffer {@code b} (file offset {@code base} is its
     * byte 0), {@code to} at least {@code need} and a {@link #STEP} past {@code filled} but not past
     * the grid line unless {@code need} is, at most {@code len}; returns {@code to}. Steps keep a
     * walk's records in this core's cache: walking a whole 8 MiB window (the grid before) after
     * reading it met each record header as a cache miss.
     */
    private int fill(ByteBuffer b, long base, int filled, int need, int len) throws CaptureException {
        long stepEnd = filled < window ? Math.min((long) filled + step, window) : filled; // stops at the grid line
        int to = (int) Math.min(len, Math.max(need, stepEnd));
        if (to > filled) {
            FileBytes.readInto(channel, name(), base + filled, b, filled, to);
            windowBytesRead.add(to - filled);
        }
        return to; // filled never passes len, so to is at least filled
    }

    /** The worker of the record at {@code pos} ({@code i} in window buffer {@code b}); 0 when the owner throws or names no reader. */
    private int ownerOf(ByteBuffer b, int i, long pos, int len) throws CaptureException {
        int frameLen = Math.min(len, header.snaplen());
        int linkType = header.linkType();
        int o;
        try {
            if (fits(pos, PcapFileSource.RECORD_HEADER_LENGTH + len)) {
                o = owner.ownerOf(b, i + PcapFileSource.RECORD_HEADER_LENGTH, frameLen, linkType);
            } else {
                ByteBuffer m = readPrivate(pos, PcapFileSource.RECORD_HEADER_LENGTH + len);
                o = owner.ownerOf(m, PcapFileSource.RECORD_HEADER_LENGTH, frameLen, linkType);
            }
        } catch (RuntimeException e) {
            return 0; // as every reader sees the same index, they still agree
        }
        return o >= 0 && o < readers ? o : 0; // every frame has a reader
    }

    private CaptureException corrupt(long offset, String what) {
        return new CaptureException(path + ": offset " + offset + ": " + what);
    }

    /** Reader {@code id} reads no more. */
    void done(int id) {
        at.set(id, NOT_READING);
    }

    /** Reader {@code id}'s current grid window (tests). */
    int windowOfReader(int id) {
        return at.get(id);
    }

    private int slowest() {
        int min = NOT_READING;
        for (int i = 0; i < readers; i++) {
            min = Math.min(min, at.get(i));
        }
        return min;
    }

    String name() {
        return path.toString();
    }

    long size() {
        return size;
    }

    int windowCount() {
        return windows.length;
    }

    /** The grid window file offset {@code pos} falls in. */
    int windowOf(long pos) {
        return (int) (pos / window);
    }

    /** File offset where grid window {@code k} starts. */
    long windowStart(int k) {
        return k * window;
    }

    /** Whether {@code [pos, pos + need)} fits in the window its start falls in. */
    boolean fits(long pos, int need) {
        long k = pos / window;
        return pos + need <= Math.min(size, (k + 1) * window + overlap);
    }

    /**
     * A view (big-endian, the reader's own) of window {@code k}, read in here if no reader has yet.
     * The read runs outside the group's lock (a reader that needs a window already in is not held
     * up by another reading the next one); a reader that needs the window being read waits for it.
     */
    ByteBuffer window(int k) throws CaptureException {
        ByteBuffer m = inOrClaim(k);
        return m != null ? m : readClaimed(k, windowLength(k));
    }

    /**
     * Reads window {@code k} in now (to its grid line) unless it is in, being read or passed by every
     * reader, when the group reads ahead ({@link #readsAhead}). A reader entering window {@code k - 2}
     * calls it: the reads then run on the readers side by side, ahead of the walks, which form one
     * chain ({@link #walkNanos}) and then only parse. A read that fails is left to the walk, which
     * reads the window again and reports it.
     */
    void readAhead(int k) {
        if (!readsAhead || k >= windows.length) {
            return;
        }
        synchronized (this) {
            if (windows[k] != null || loading[k] || passed.get(k) >= readers) {
                return;
            }
            loading[k] = true;
        }
        try {
            // to the grid line: the window's walk reads what a record crossing it needs of the overlap
            readClaimed(k, (int) Math.min(window, windowLength(k)));
        } catch (CaptureException e) {
            // the walk of window k meets it
        }
    }

    /** Window {@code k}, in, holds the file's bytes up to {@code filled} (its walk read more of it). */
    private synchronized void readTo(int k, int filled) {
        ByteBuffer m = windows[k];
        if (m != null && m.limit() < filled) {
            m.limit(filled);
        }
    }

    /** Reads the first {@code len} bytes of window {@code k}, whose read this reader has claimed; returns a view of them. */
    private ByteBuffer readClaimed(int k, int len) throws CaptureException {
        ByteBuffer into = claimed(len);
        boolean whole = false;
        try {
            if (beforeWindowRead != null) {
                beforeWindowRead.run();
            }
            FileBytes.readInto(channel, name(), windowStart(k), into, 0, len);
            windowBytesRead.add(len);
            whole = true;
        } finally {
            endRead(k, into, whole);
        }
        return into.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /** Window {@code k}'s length: its step and overlap, or to the end of the file. */
    private int windowLength(int k) {
        return (int) Math.min(window + overlap, size - windowStart(k));
    }

    /**
     * A view of window {@code k} when it is in (waiting while another reader reads it), else null:
     * the caller has claimed its read, gets its buffer from {@link #claimed} and must end it with
     * {@link #endRead}.
     */
    private synchronized ByteBuffer inOrClaim(int k) throws CaptureException {
        long waitStart = 0;
        while (true) {
            ByteBuffer m = windows[k];
            if (m != null) {
                if (waitStart != 0) {
                    handoffWaited(waitStart);
                }
                return m.duplicate().order(ByteOrder.BIG_ENDIAN);
            }
            if (passed.get(k) >= readers) {
                throw new IllegalStateException(path + ": window " + k + " asked for after every reader passed it");
            }
            if (!loading[k]) {
                loading[k] = true;
                return null;
            }
            if (waitStart == 0) {
                waitStart = System.nanoTime();
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureException(path + ": interrupted while waiting for window " + k);
            }
        }
    }

    /** The buffer a claimed read of {@code len} bytes goes into: a pooled one (outside the lock: a new one when none fits). */
    private ByteBuffer claimed(int len) {
        ByteBuffer into;
        synchronized (this) {
            into = pool.poll();
        }
        if (into == null || into.capacity() < len) {
            // room for any window whole: a walk reads on into a window read ahead to its grid line
            into = ByteBuffer.allocateDirect(Math.max(len, windowLength(0)));
            synchronized (this) {
                allocated++;
            }
        }
        return into.clear().limit(len).order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * Gets the group ready before its readers start, meant to run on another thread while the scan
     * does other work (its packet warm-up): allocates {@link #PREPARED_BUFFERS} window buffers and
     * reads the first two windows in. A fresh direct buffer is zeroed page by page (~15 ms a window
     * on the 2-core machine): inside the packet phase that was paid by the reader walking a window
     * while the other waited for it. A read that fails is left to the readers, which meet it and
     * report it.
     */
    public void prepare() {
        ByteBuffer[] buffers = new ByteBuffer[Math.min(PREPARED_BUFFERS, windows.length)];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = claimed(windowLength(0)); // the pool's, else new ones (outside the lock)
        }
        synchronized (this) {
            for (ByteBuffer b : buffers) {
                recycle(b);
            }
        }
        for (int k = 0; k < Math.min(2, windows.length); k++) {
            try {
                window(k);
            } catch (CaptureException | IllegalStateException e) {
                return; // a bad read, or every reader has passed it already
            }
        }
    }

    /**
     * {@link #warmUp}'s grid: windows of ~60 records, so that the walk (one call a window) runs often
     * enough over a few MB to be compiled; a small overlap (a longer record takes the private read).
     */
    static final long WARM_UP_WINDOW = 64L << 10;
    static final long WARM_UP_OVERLAP = 16L << 10;

    /**
     * Runs a throwaway balanced group of {@code readers} readers of {@code path} (small windows of
     * its own, no lead limit) over the file's first records until they have handed over {@code
     * frames} frames, its readers polled by turns on this thread; returns the frames handed over.
     * Why: a 2-worker scan's packet phase began with C1 compiling this class's walk and the readers'
     * path (~55 ms of compilation while both cores ran workers); run during the packet warm-up it
     * compiles them before. A read error ends it (the scan's own readers meet and report it).
     */
    public static long warmUp(Path path, int readers, FrameKey key, int frames) {
        long[] handed = new long[1];
        // closing the group releases what its readers hold
        try (FileFanout f = of(path, readers, WARM_UP_WINDOW, WARM_UP_OVERLAP, Integer.MAX_VALUE / 2, STEP)) {
            if (!f.balanceBy(key)) {
                return 0;
            }
            FrameSource[] src = new FrameSource[readers];
            for (int r = 0; r < readers; r++) {
                src[r] = f.open(r);
            }
            boolean more = true;
            while (more && handed[0] < frames) {
                more = false;
                for (FrameSource s : src) {
                    more |= s.poll(fr -> handed[0]++, 64) >= 0;
                }
            }
        } catch (CaptureException | RuntimeException e) {
            // the scan's own readers meet the error and report it
        }
        return handed[0];
    }

    /** Window buffers allocated so far: at most the lead's span and the one being read (stats, tests). */
    public synchronized int buffersAllocated() {
        return allocated;
    }

    /** Ends the claimed read of window {@code k} into {@code b}: the window is in when {@code whole}, else {@code b} goes back to the pool. */
    private synchronized void endRead(int k, ByteBuffer b, boolean whole) {
        loading[k] = false;
        if (whole) {
            windows[k] = b.position(0); // its limit is what was read
            read++;
        } else {
            recycle(b);
        }
        notifyAll();
    }

    /** Keeps a window buffer for the next read, up to {@link #maxLead} + 2 of them (under the group's lock). */
    private void recycle(ByteBuffer b) {
        if (pool.size() < maxLead + 2) {
            pool.add(b);
        }
    }

    /** A reader's own copy of a range that fits no grid window (longer than {@link #OVERLAP}). */
    ByteBuffer readPrivate(long pos, int len) throws CaptureException {
        return FileBytes.read(channel, name(), pos, len, null);
    }

    /** One reader has passed windows {@code [from, to)}: the last reader to pass one releases it. */
    void pass(int from, int to) {
        for (int k = Math.max(from, 0); k < Math.min(to, windows.length); k++) {
            if (passed.incrementAndGet(k) == readers) {
                release(k);
                // every reader has moved to a later window (whose index it already had): no one reads
                // this one's arrays again, the next walk reuses them; the chain's figures (end, counts) stay
                WindowIndex w = indexes == null ? null : indexes.get(k);
                if (w != null) {
                    synchronized (spares) {
                        if (spares.size() < maxLead + 2) { // as many as windows are held
                            spares.add(w);
                        }
                    }
                }
            }
        }
    }

    /** Window {@code k} is released: its buffer goes back to the pool (every reader has passed it). */
    private synchronized void release(int k) {
        if (windows[k] != null) {
            released++;
            recycle(windows[k]);
        }
        windows[k] = null;
    }

    /** Bytes read into grid windows so far, overlaps included (tests). */
    long windowBytesRead() {
        return windowBytesRead.sum();
    }

    /** Windows read and released so far (tests). */
    synchronized long[] readReleased() {
        return new long[] {read, released};
    }

    /** Releases what is left (readers that were never opened or closed) and closes the file. */
    @Override
    public void close() {
        for (int k = 0; k < windows.length; k++) {
            release(k);
        }
        synchronized (this) {
            pool.clear(); // the GC frees the buffers' memory
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
