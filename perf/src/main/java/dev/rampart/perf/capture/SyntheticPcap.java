package dev.rampart.perf.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The capture benchmarks' input: a pcap of Ethernet frames of given sizes, written once into /tmp. */
final class SyntheticPcap {
    /** Frames in the benchmarks' files (~110 MB with {@link #SIZES}). */
    static final int FRAMES = 160_000;
    /** Frame sizes, one after another: a mix of full-size, mid-size and bare-header frames. */
    static final int[] SIZES = {60, 1514, 590, 74, 1514, 1200, 66, 342};

    /** Sets frame {@code i}'s headers in {@code b}, whose bytes {@code [start, start + len)} it is. */
    @FunctionalInterface
    interface Headers {
        void set(ByteBuffer b, int start, int len, int i);
    }

    private SyntheticPcap() {
    }

    /**
     * {@code java.io.tmpdir/name}: {@code frames} frames, frame {@code i} of {@code sizes[i %
     * sizes.length]} bytes {@code i + j} (little-endian pcap, 1 ms apart) with {@code headers} set
     * over them. A file of the right size already there is kept.
     */
    static Path write(String name, int frames, int[] sizes, Headers headers) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), name);
        long expected = 24;
        for (int i = 0; i < frames; i++) {
            expected += 16 + sizes[i % sizes.length];
        }
        if (Files.exists(file) && Files.size(file) == expected) {
            return file;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            for (int i = 0; i < frames; i++) {
                int len = sizes[i % sizes.length];
                if (b.remaining() < 16 + len) {
                    flush(ch, b);
                }
                b.putInt(1_700_000_000 + i / 1000).putInt((i % 1000) * 1000).putInt(len).putInt(len);
                int start = b.position();
                for (int j = 0; j < len; j++) {
                    b.put((byte) (i + j));
                }
                headers.set(b, start, len, i);
            }
            flush(ch, b);
        }
        return file;
    }

    private static void flush(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
    }
}
