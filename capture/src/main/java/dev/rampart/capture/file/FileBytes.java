package dev.rampart.capture.file;

import dev.rampart.capture.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Reads of capture-file fields in the file's byte order from a big-endian buffer, and of file ranges into buffers. */
final class FileBytes {
    private FileBytes() {
    }

    /**
     * Bytes {@code [pos, pos + len)} of {@code channel} into {@code reuse} when it holds {@code len}
     * (else into a new direct buffer): positional reads, the buffer big-endian, position 0, limit
     * {@code len}. A file that ends before {@code pos + len} (cut while being read) is an error.
     */
    static ByteBuffer read(FileChannel channel, String name, long pos, int len, ByteBuffer reuse)
            throws CaptureException {
        ByteBuffer b = reuse != null && reuse.capacity() >= len ? reuse : ByteBuffer.allocateDirect(len);
        readInto(channel, name, pos, b, 0, len);
        b.clear().limit(len);
        return b.order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * File bytes from {@code pos} into {@code b}'s bytes {@code [from, to)} with positional reads;
     * {@code b}'s limit is then {@code to}. A file that ends before them is an error (cut while being read).
     */
    static void readInto(FileChannel channel, String name, long pos, ByteBuffer b, int from, int to)
            throws CaptureException {
        b.limit(to).position(from);
        long at = pos;
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, at);
                if (n < 0) {
                    throw new CaptureException(name + ": offset " + at + ": the file ended while reading "
                            + (to - from) + " bytes from offset " + pos + " (cut while being read?)");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": offset " + pos + ": cannot read " + (to - from) + " bytes: "
                    + e.getMessage(), e);
        }
    }

    static int u16(ByteBuffer b, int i, boolean swapped) {
        short v = b.getShort(i);
        return (swapped ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    static int i32(ByteBuffer b, int i, boolean swapped) {
        int v = b.getInt(i);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    static long u32(ByteBuffer b, int i, boolean swapped) {
        return i32(b, i, swapped) & 0xFFFF_FFFFL;
    }

    static long i64(ByteBuffer b, int i, boolean swapped) {
        long v = b.getLong(i);
        return swapped ? Long.reverseBytes(v) : v;
    }
}
