package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** Unsigned big-endian reads at absolute offsets (the frame buffers are big-endian). */
final class Bytes {
    private Bytes() {
    }

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xFF;
    }

    static int u16(ByteBuffer b, int i) {
        return b.getShort(i) & 0xFFFF;
    }

    static long u32(ByteBuffer b, int i) {
        return b.getInt(i) & 0xFFFF_FFFFL;
    }

    static int u32le(ByteBuffer b, int i) {
        return (b.get(i) & 0xFF) | (b.get(i + 1) & 0xFF) << 8 | (b.get(i + 2) & 0xFF) << 16
                | (b.get(i + 3) & 0xFF) << 24;
    }

    // the same reads on a header copied out of the frame with one bulk get: plain array loads,
    // where each ByteBuffer read is a chain of small calls that C1 (offline scans) does not
    // inline

    static int u8(byte[] a, int i) {
        return a[i] & 0xFF;
    }

    static int u16(byte[] a, int i) {
        return (a[i] & 0xFF) << 8 | (a[i + 1] & 0xFF);
    }

    static long u32(byte[] a, int i) {
        return ((long) (a[i] & 0xFF) << 24 | (a[i + 1] & 0xFF) << 16 | (a[i + 2] & 0xFF) << 8 | (a[i + 3] & 0xFF))
                & 0xFFFF_FFFFL;
    }
}
