package dev.rampart.capture.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files above 2 GiB (mapped in windows) and the allocation-free steady state. */
class LargeFileTest {
    private static final int LEN = 65_000;

    @TempDir
    Path dir;

    /**
     * A sparse 2.3 GiB pcap: only record headers and the first and last byte of each frame are
     * written. Every frame must come out whole, including those around the window edges and the 2 GiB mark.
     */
    @Test
    void readsASparseFileLargerThan2GiB() throws Exception {
        Path p = dir.resolve("big.pcap");
        long records = (2_300L << 20) / (16 + LEN);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            ch.write(h.flip(), 0);
            ByteBuffer r = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer last = ByteBuffer.allocate(1);
            long pos = 24;
            for (long i = 0; i < records; i++) {
                r.clear();
                r.putInt((int) i).putInt(0).putInt(LEN).putInt(LEN).put((byte) i);
                ch.write(r.flip(), pos);
                last.clear();
                last.put((byte) ~i);
                ch.write(last.flip(), pos + 16 + LEN - 1);
                pos += 16 + LEN;
            }
        }
        assertTrue(p.toFile().length() > (2L << 30));
        long[] bad = {0, 0};
        try (FrameSource src = CaptureFiles.open(p)) {
            long[] expect = {0};
            Frames f = new Frames();
            try {
                while (src.poll(fr -> {
                    long i = expect[0]++;
                    if (fr.captureLength != LEN || fr.buffer.get(fr.offset) != (byte) i
                            || fr.buffer.get(fr.offset + LEN - 1) != (byte) ~i
                            || fr.timestampNanos != i * 1_000_000_000L) {
                        bad[0]++;
                        bad[1] = i;
                    }
                }, 1000) >= 0) {
                    // drain
                }
            } catch (CaptureException e) {
                f.error = e;
            }
            assertNull(f.error);
            assertEquals(records, src.stats().received);
            assertEquals(records * LEN, src.stats().bytes);
        }
        assertEquals(0, bad[0], "bad frames, last " + bad[1]);
    }

    /** After warm-up, draining a file allocates nothing per frame. */
    @Test
    void steadyStateReadingDoesNotAllocate() throws Exception {
        TestCaptureWriter.Pcap w = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < 20_000; i++) {
            w.record(i, 0, TestCaptureWriter.payload(60 + i % 200, i));
        }
        Path p = dir.resolve("many.pcap");
        java.nio.file.Files.write(p, w.bytes());
        long[] sum = {0};
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        dev.rampart.capture.FrameHandler h = fr -> sum[0] += fr.buffer.get(fr.offset);
        for (int round = 0; round < 5; round++) {
            try (FrameSource src = CaptureFiles.open(p)) {
                long before = mx.getCurrentThreadAllocatedBytes();
                while (src.poll(h, 64) >= 0) {
                    // drain
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                if (round == 4) {
                    assertTrue(allocated < 2_000, "allocated " + allocated + " bytes for 20000 frames");
                }
            }
        }
    }
}
