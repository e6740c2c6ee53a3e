package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file mapped read-only, one window of {@link #DEFAULT_WINDOW} bytes at a time. A reader
 * asks for a byte range with {@link #ensure}; when the range is not inside the current window the
 * window moves to start at the range, so a record or block never straddles two windows and frames
 * can point straight into the mapping (zero copy).
 *
 * <p><b>Resident memory.</b> The window that is left is unmapped at once ({@link Unmapper}), not
 * when the GC gets to it: a mapping's touched pages count in the process's RSS for as long as it
 * lives, so releasing windows only on collection made a scan's peak RSS the size of the file. Now
 * at most one window is mapped, and the pages the kernel keeps cached behind the reader are page
 * cache, not this process's memory.
 *
 * <p><b>When a window may be unmapped.</b> Reading a released window crashes the JVM (SIGSEGV), so
 * release happens only where no frame can be in use: in {@link #ensure}, which the readers call
 * before they hand the next frame over, and in {@link #close}. The {@link dev.rampart.capture.Frame}
 * contract (a frame and its bytes are valid only during the handler call) makes that safe; a
 * handler that re-enters its source (polls it) while holding a frame gets an
 * {@link IllegalStateException} instead of a dangling frame, and a source closed from inside a
 * handler leaves the last window to the GC. Code that keeps {@code Frame.buffer} past the handler
 * call breaks the contract and may crash: copy the bytes instead.
 *
 * <p>No {@code madvise}: Java 17 has no call for it short of native code (JNA or the incubating
 * foreign API; {@code MappedByteBuffer.load()} only asks for read-ahead of the whole window).
 * Unmapping behind the reader gives the "pages behind us are not needed" effect, and sequential
 * faults on cached pages are served by the kernel's fault-around anyway.
 */
final class MappedCaptureFile implements AutoCloseable {
    /**
     * Default window. A scan's peak RSS is the JVM's floor (~70 MB) plus about one window: measured
     * on a 500 MB capture, 4 MiB gave 78 MB, 8 MiB 82 MB, 32 MiB 107 MB, 64 MiB 140 MB, with no CPU
     * difference (a map and an unmap per window; page faults are the same count at any size).
     * Records larger than the window (pcapng blocks up to 16 MiB) get a window of their size.
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
    /** In-memory stand-in for the file (fuzzing): windows are slices of it, nothing to unmap. */
    private final ByteBuffer memory;
    private final long size;
    private final long windowSize;
    private ByteBuffer window;
    /** The mapping behind {@link #window} (the buffer {@code map} returned), to unmap it. */
    private MappedByteBuffer mapped;
    private long base;
    private int length;
    /** Handler calls in progress with a frame from the current window: nothing may be unmapped. */
    private int framesInUse;
    private long windowsMapped;
    private long windowsUnmapped;

    /**
     * @param windowSize bytes per window; 0 picks {@link #DEFAULT_WINDOW}. Tests pass small values
     *        to exercise remapping. A record larger than the window gets a window of its size.
     */
    MappedCaptureFile(Path path, long windowSize) throws CaptureException {
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
    MappedCaptureFile(FileFanout group, int reader) {
        this.name = group.name();
        this.channel = null;
        this.memory = null;
        this.group = group;
        this.reader = reader;
        this.size = group.size();
        this.windowSize = 0; // unused: the group's grid sizes the windows
    }

    /** The same reader over bytes in memory (fuzzing: no file per input); same windowing logic. */
    MappedCaptureFile(String name, ByteBuffer bytes, long windowSize) {
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
     * window unmaps the previous one: buffers from before this call must not be read after it.
     */
    boolean ensure(long pos, int need) throws CaptureException {
        long end = pos + need;
        if (pos >= base && end <= base + length) {
            return true;
        }
        if (pos < 0 || need < 0 || end > size) {
            return false;
        }
        // a group's reader maps only the range that fits no grid window, then goes back to the grid
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
            windowsMapped++;
            base = group.windowStart(k);
            length = window.capacity();
            return true;
        }
        if (memory != null) {
            window = memory.slice(memory.position() + (int) pos, (int) len).order(ByteOrder.BIG_ENDIAN);
        } else {
            try {
                mapped = group != null ? group.mapPrivate(pos, len) : channel.map(FileChannel.MapMode.READ_ONLY, pos, len);
            } catch (IOException e) {
                throw new CaptureException(name + ": offset " + pos + ": cannot map " + len + " bytes: "
                        + e.getMessage(), e);
            }
            mapped.order(ByteOrder.BIG_ENDIAN);
            window = mapped;
        }
        windowsMapped++;
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

    /** Windows mapped (or, in memory, sliced) so far. */
    long windowsMapped() {
        return windowsMapped;
    }

    /** Mappings released so far with {@link Unmapper} (not those left to the GC). */
    long windowsUnmapped() {
        return windowsUnmapped;
    }

    private void release() {
        if (framesInUse > 0) {
            throw new IllegalStateException(name + ": capture window moved while a frame from it is in use"
                    + " (a frame handler polled its own source)");
        }
        unmapCurrent();
    }

    private void unmapCurrent() {
        MappedByteBuffer m = mapped;
        window = null;
        mapped = null;
        base = 0;
        length = 0;
        if (m != null && Unmapper.unmap(m)) {
            windowsUnmapped++;
        }
    }

    @Override
    public void close() {
        if (group != null) {
            group.done(reader);
        }
        if (framesInUse > 0) {
            // closed from inside a handler: the frame may still be read, the GC unmaps later
            window = null;
            mapped = null;
            base = 0;
            length = 0;
        } else {
            unmapCurrent();
            if (group != null) {
                // this reader reads no more: every window it has not passed yet is passed now
                group.pass(nextToPass, group.windowCount());
                nextToPass = group.windowCount();
            }
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
