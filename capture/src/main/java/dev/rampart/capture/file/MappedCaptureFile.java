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
 * A capture file mapped read-only. Files up to 2 GiB are mapped whole; larger ones in windows of
 * {@link #LARGE_FILE_WINDOW} bytes. A reader asks for a byte range with {@link #ensure}; when the
 * range is not inside the current window the window is remapped to start at the range, so a record
 * or block never straddles two windows and frames can point straight into the mapping.
 */
final class MappedCaptureFile implements AutoCloseable {
    /** Window size for files larger than a single ByteBuffer can address. */
    static final long LARGE_FILE_WINDOW = 1L << 30;

    private final String name;
    private final FileChannel channel;
    /** In-memory stand-in for the file (fuzzing): windows are slices of it. */
    private final ByteBuffer memory;
    private final long size;
    private final long windowSize;
    private ByteBuffer window;
    private long base;
    private int length;

    /**
     * @param windowSize bytes per window; 0 picks the default (whole file if it fits, else
     *        {@link #LARGE_FILE_WINDOW}). Tests pass small values to exercise remapping.
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
        this.windowSize = windowSize(windowSize, size);
    }

    /** The same reader over bytes in memory (fuzzing: no file per input); same windowing logic. */
    MappedCaptureFile(String name, ByteBuffer bytes, long windowSize) {
        this.name = name;
        this.channel = null;
        this.memory = bytes.duplicate();
        this.size = memory.remaining();
        this.windowSize = windowSize(windowSize, size);
    }

    private static long windowSize(long windowSize, long size) {
        if (windowSize > 0) {
            return Math.min(windowSize, Integer.MAX_VALUE);
        }
        return size <= Integer.MAX_VALUE ? Math.max(size, 1) : LARGE_FILE_WINDOW;
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    /**
     * Makes bytes {@code [pos, pos + need)} addressable through {@link #buffer()} at
     * {@link #index(long)}. Returns false when the file ends before {@code pos + need}.
     */
    boolean ensure(long pos, int need) throws CaptureException {
        long end = pos + need;
        if (pos >= base && end <= base + length) {
            return true;
        }
        if (pos < 0 || need < 0 || end > size) {
            return false;
        }
        long len = Math.min(Math.max(windowSize, need), size - pos);
        if (memory != null) {
            window = memory.slice(memory.position() + (int) pos, (int) len).order(ByteOrder.BIG_ENDIAN);
            base = pos;
            length = (int) len;
            return true;
        }
        try {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, pos, len);
            mapped.order(ByteOrder.BIG_ENDIAN);
            window = mapped;
        } catch (IOException e) {
            throw new CaptureException(name + ": offset " + pos + ": cannot map " + len + " bytes: "
                    + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        window = null;
        length = 0;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
