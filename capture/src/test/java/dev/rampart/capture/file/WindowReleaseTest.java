package dev.rampart.capture.file;

import static dev.rampart.capture.file.TestCaptureWriter.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.capture.CaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file many windows long: every frame comes out whole, each window is released as soon as the
 * reader leaves it (one window held at a time; the file is read, never mapped, as the kernel sees
 * it), and a window never moves under a frame a handler holds.
 */
class WindowReleaseTest {
    private static final int FRAMES = 3_000;
    private static final long WINDOW = 64 * 1024;

    @TempDir
    Path dir;

    private static int length(int i) {
        return 40 + (i * 131) % 1461;
    }

    private Path pcap() throws IOException {
        return TestCaptureWriter.payloadPcap(dir.resolve("windows.pcap"), FRAMES, i -> length(i));
    }

    @Test
    void releasesEachWindowAsTheReaderLeavesIt() throws Exception {
        Path p = pcap();
        assertTrue(Files.size(p) > 30 * WINDOW);
        List<byte[]> got = new ArrayList<>();
        long[] worst = {0, 0}; // most windows held at once by our count; most mappings of the file in /proc/self/maps
        PcapFileSource src = PcapFileSource.open(p, WINDOW);
        WindowedCaptureFile file = src.file;
        while (src.poll(fr -> {
            byte[] d = new byte[fr.captureLength];
            fr.buffer.get(fr.offset, d);
            got.add(d);
            worst[0] = Math.max(worst[0], file.windowsRead() - file.windowsReleased());
            if (fr.index % 97 == 0) {
                worst[1] = Math.max(worst[1], mappingsOf(p));
            }
        }, 13) >= 0) {
            // drain
        }
        assertEquals(FRAMES, got.size());
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(payload(length(i), i), got.get(i), "frame " + i);
        }
        long read = file.windowsRead();
        assertTrue(read > 30, "read " + read + " windows");
        assertEquals(read - 1, file.windowsReleased(), "all windows but the current one released");
        assertEquals(1, worst[0]);
        if (worst[1] >= 0) {
            assertEquals(0, worst[1], "windows are read, the file is never mapped (/proc/self/maps)");
        }
        src.close();
        assertEquals(read, file.windowsReleased(), "close releases the last window");
        if (mappingsOf(p) >= 0) {
            assertEquals(0, mappingsOf(p));
        }
    }

    /** A file cut after it was opened (another process truncating it): a read error naming the offset, not a crash. */
    @Test
    void aFileCutWhileBeingReadEndsWithAnError() throws Exception {
        Path p = pcap();
        long size = Files.size(p);
        PcapFileSource src = PcapFileSource.open(p, WINDOW);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        Frames f = Frames.drain(src, 100);
        assertTrue(f.size() > 0 && f.size() < FRAMES, "frames before the cut: " + f.size());
        assertTrue(f.error != null && f.error.getMessage().contains("the file ended while reading"), String.valueOf(f.error));
        for (int i = 0; i < f.size(); i++) {
            assertArrayEquals(payload(length(i), i), f.get(i).data(), "frame " + i);
        }
        src.close();
    }

    @Test
    void pcapngBlocksAcrossWindowsAreReleasedToo() throws Exception {
        TestCaptureWriter.Pcapng w = new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN);
        w.interfaceDescription(1, 65535, null, null);
        for (int i = 0; i < FRAMES; i++) {
            w.enhancedPacket(0, i, payload(length(i), i));
        }
        Path p = dir.resolve("windows.pcapng");
        Files.write(p, w.bytes());
        PcapngFileSource src = PcapngFileSource.open(p, WINDOW);
        Frames f = Frames.drain(src, 100).rethrow();
        assertEquals(FRAMES, f.size());
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(payload(length(i), i), f.get(i).data(), "frame " + i);
        }
        assertTrue(src.file.windowsRead() > 30);
        assertEquals(src.file.windowsRead() - 1, src.file.windowsReleased());
        src.close();
        assertEquals(src.file.windowsRead(), src.file.windowsReleased());
    }

    @Test
    void inMemoryVariantMovesWindowsWithoutReleasing() throws Exception {
        byte[] bytes = Files.readAllBytes(pcap());
        PcapFileSource src = PcapFileSource.open("mem", ByteBuffer.wrap(bytes), WINDOW);
        Frames f = Frames.drain(src, 50).rethrow();
        assertEquals(FRAMES, f.size());
        assertArrayEquals(payload(length(FRAMES - 1), FRAMES - 1), f.get(FRAMES - 1).data());
        assertTrue(src.file.windowsRead() > 30);
        assertEquals(0, src.file.windowsReleased());
        src.close();
    }

    /** A handler that polls its own source would have its frame overwritten: refused plainly. */
    @Test
    void aHandlerPollingItsOwnSourceCannotMoveTheWindowUnderItsFrame() throws Exception {
        PcapFileSource src = PcapFileSource.open(pcap(), WINDOW);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> src.poll(fr -> {
            try {
                src.poll(inner -> { }, FRAMES);
            } catch (CaptureException x) {
                throw new AssertionError(x);
            }
        }, 1));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        src.close();
    }

    /** Closed from inside the handler: the frame stays readable, the last window is left to the GC. */
    @Test
    void closingFromAHandlerKeepsItsFrameReadable() throws Exception {
        PcapFileSource src = PcapFileSource.open(pcap(), WINDOW);
        int[] read = {0};
        src.poll(fr -> {
            src.close();
            read[0] = fr.buffer.get(fr.offset + fr.captureLength - 1);
        }, 1);
        assertEquals(payload(length(0), 0)[length(0) - 1], (byte) read[0]);
        assertEquals(0, src.file.windowsReleased());
        assertEquals(-1, src.poll(fr -> { }, 1));
    }

    /** Mappings of {@code p} in /proc/self/maps, or -1 where there is no such file. */
    private static long mappingsOf(Path p) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return -1;
        }
        String name = p.toAbsolutePath().toString();
        try {
            return Files.readAllLines(maps).stream().filter(l -> l.endsWith(name)).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
