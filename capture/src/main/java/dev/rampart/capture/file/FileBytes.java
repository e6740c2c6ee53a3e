package dev.rampart.capture.file;

import java.nio.ByteBuffer;

/** Reads of capture-file fields in the file's byte order from a big-endian buffer. */
final class FileBytes {
    private FileBytes() {
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
