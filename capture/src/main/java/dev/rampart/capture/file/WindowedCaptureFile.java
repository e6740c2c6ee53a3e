package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read one window of {@link #DEFAULT_WINDOW} bytes at a time. A reader asks for a
 * byte range with {@link #ensure}; when the range is not inside the current window the window
 * moves to start at the range, so a record or block never straddles two windows and frames can
 * point straight into the window's buffer (no copy per frame).
 *
 * <p><b>Reads, not a mapping.</b> A window is read with positional reads ({@code pread}) into a
 * direct buffer that the reader reuses from window to window. It used to be a read-only mapping
 * of the range, unmapped when the reader moved on; but every page of a fresh mapping is faulted in
 * on first touch, and on this project's virtual machines those faults and the TLB misses behind
 * them cost more than the copy out of the page cache: a bare walk of the record headers of a 2 GB
 * capture took 1.1 CPU-s mapped against 0.23 s read (copy included), and a 500 MB ET Open scan's
 * processing 3.35 against 2.47 s (median of 6 alternated runs). A reused buffer also keeps the
 * resident memory at one window (the pages the kernel caches are page cache, not this process's
 * memory), and a file cut while being read is a read error here, not a SIGBUS.
 *
 * <p><b>When a window may be reused.</b> Frames point into the window's buffer, so the next read
 * overwrites them: a window moves only where no frame can be in use, in {@link #ensure}, which the
 * readers call before they hand the next frame over, and in {@link #close}. The
 * {@link dev.rampart.capture.Frame} contract (a frame and its bytes are valid only during the
 * handler call) makes that safe; a handler that re-enters its source (polls it) while holding a
 * frame gets an {@link IllegalStateException} instead of a frame whose bytes change under it, and a
 * source closed from inside a handler leaves its buffer to the GC. Code that keeps
 * {@code Frame.buffer} past the handler call breaks the contract: copy the bytes instead.
 */
final class WindowedCaptureFile implements AutoCloseable {
    /**
     * Default window. A scan's peak RSS is the JVM's floor (~70 MB) plus about one window (measured
     * when windows were mappings, on a 500 MB capture: 4 MiB gave 78 MB, 8 MiB 82 MB, 32 MiB 107 MB,
     * 64 MiB 140 MB). Records larger than the window (pcapng blocks up to 16 MiB) get a window of
     * their size.
     */
    static final long DEFAULT_WINDOW = 8L << 20;

    private final String name;
    private final FileChannel channel;
    /** The group whose windows this reader shares ({@link FileFanout}), or null: windows of its own. */
    private final FileFanout group;
    /** This reader's number in {@link #group}. */
    private final int reader;
    /** With a group: the grid windows below this one are passed (this reader will not read them again). */
    private int nextToPass;
    /** In-memory stand-in for the file (fuzzing): windows are slices of it, nothing to read. */
    private final ByteBuffer memory;
    private final long size;
    private final long windowSize;
    private ByteBuffer window;
    /** Whether {@link #window} holds a range this reader read itself (released by the next move or close). */
    private boolean ownWindow;
    /** The buffer this reader reads its own windows into, reused from window to window. */
    private ByteBuffer own;
    private long base;
    private int length;
    /** Handler calls in progress with a frame from the current window: the window may not move. */
    private int framesInUse;
    private long windowsRead;
    private long windowsReleased;

    /**
     * @param windowSize bytes per window; 0 picks {@link #DEFAULT_WINDOW}. Tests pass small values
     *        to exercise window moves. A record larger than the window gets a window of its size.
     */
    WindowedCaptureFile(Path path, long windowSize) throws CaptureException {
        this.name = path.toString();
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot open: " + e.getMessage(), e);
        }
        this.memory = null;
        this.group = null;
        this.reader = -1;
        this.windowSize = windowSize(windowSize, size);
    }

    /** One reader of a {@link FileFanout}: the group's windows where a range fits one, else its own. */
    WindowedCaptureFile(FileFanout group, int reader) {
        this.name = group.name();
        this.channel = null;
        this.memory = null;
        this.group = group;
        this.reader = reader;
        this.size = group.size();
        this.windowSize = 0; // unused: the group's grid sizes the windows
    }

    /** The same reader over bytes in memory (fuzzing: no file per input); same windowing logic. */
    WindowedCaptureFile(String name, ByteBuffer bytes, long windowSize) {
        this.name = name;
        this.channel = null;
        this.memory = bytes.duplicate();
        this.group = null;
        this.reader = -1;
        this.size = memory.remaining();
        this.windowSize = windowSize(windowSize, size);
    }

    private static long windowSize(long windowSize, long size) {
        long w = windowSize > 0 ? windowSize : DEFAULT_WINDOW;
        return Math.max(1, Math.min(Math.min(w, size), Integer.MAX_VALUE));
    }

    String name() {
        return name;
    }

    /** The fanout group this reader belongs to, or null. */
    FileFanout group() {
        return group;
    }

    /** This reader's number in its fanout group (-1 outside one). */
    int reader() {
        return reader;
    }

    long size() {
        return size;
    }

    /**
     * Makes bytes {@code [pos, pos + need)} addressable through {@link #buffer()} at
     * {@link #index(long)}. Returns false when the file ends before {@code pos + need}. Moving the
     * window overwrites the previous one: buffers from before this call must not be read after it.
     */
    boolean ensure(long pos, int need) throws CaptureException {
        long end = pos + need;
        if (pos >= base && end <= base + length) {
            return true;
        }
        if (pos < 0 || need < 0 || end > size) {
            return false;
        }
        // a group's reader reads only the range that fits no grid window itself, then goes back to the grid
        long len = group != null ? need : Math.min(Math.max(windowSize, need), size - pos);
        release();
        if (group != null && group.fits(pos, need) && group.windowOf(pos) >= nextToPass) {
            int k = group.windowOf(pos);
            if (k > nextToPass) {
                group.pass(nextToPass, k);
                nextToPass = k;
            }
            group.moveTo(reader, k);
            window = group.window(k);
            windowsRead++;
            base = group.windowStart(k);
            length = window.limit();
            return true;
        }
        if (memory != null) {
            window = memory.slice(memory.position() + (int) pos, (int) len).order(ByteOrder.BIG_ENDIAN);
        } else if (group != null) {
            window = group.readPrivate(pos, (int) len);
            ownWindow = true;
        } else {
            own = FileBytes.read(channel, name, pos, (int) len, own);
            window = own;
            ownWindow = true;
        }
        windowsRead++;
        base = pos;
        length = (int) len;
        return true;
    }

    /** The current window (big-endian); valid after a successful {@link #ensure}. */
    ByteBuffer buffer() {
        return window;
    }

    /** Index in {@link #buffer()} of file offset {@code pos} (inside the current window). */
    int index(long pos) {
        return (int) (pos - base);
    }

    /** Brackets a handler call with a frame from the current window (see the class comment). */
    void frameInUse(boolean inUse) {
        framesInUse += inUse ? 1 : -1;
    }

    /** Windows read (or, in memory, sliced) so far. */
    long windowsRead() {
        return windowsRead;
    }

    /** Windows of its own this reader has released so far (moved on from or closed). */
    long windowsReleased() {
        return windowsReleased;
    }

    private void release() {
        if (framesInUse > 0) {
            throw new IllegalStateException(name + ": capture window moved while a frame from it is in use"
                    + " (a frame handler polled its own source)");
        }
        releaseCurrent();
    }

    private void releaseCurrent() {
        if (ownWindow) {
            windowsReleased++;
        }
        ownWindow = false;
        window = null;
        base = 0;
        length = 0;
    }

    @Override
    public void close() {
        if (group != null) {
            group.done(reader);
        }
        if (framesInUse > 0) {
            // closed from inside a handler: the frame may still be read; its buffer is left to it and the GC
            own = null;
            ownWindow = false; // not released by this reader
        }
        releaseCurrent();
        if (framesInUse == 0 && group != null) {
            // this reader reads no more: every window it has not passed yet is passed now
            group.pass(nextToPass, group.windowCount());
            nextToPass = group.windowCount();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
