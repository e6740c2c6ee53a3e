package dev.rampart.capture.file;

import static dev.rampart.capture.file.TestCaptureWriter.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.LinkType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapFileSourceTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @ParameterizedTest
    @CsvSource({"BIG_ENDIAN,false", "BIG_ENDIAN,true", "LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true"})
    void readsRecordsInBothByteOrdersAndResolutions(String order, boolean nanos) throws Exception {
        ByteOrder bo = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = new TestCaptureWriter.Pcap(bo, nanos, 65535, LinkType.ETHERNET)
                .record(1_700_000_000L, 123, payload(60, 1))
                .record(1_700_000_001L, 999_999, 40, 1500, payload(40, 7))
                .record(0xFFFF_FFF0L, 5, payload(1, 9))
                .bytes();
        try (FrameSource src = CaptureFiles.open(write("a.pcap", file))) {
            PcapFileSource pcap = (PcapFileSource) src;
            assertEquals(nanos, pcap.nanosecondTimestamps());
            assertEquals(65535, pcap.snaplen());
            Frames f = Frames.drain(src, 10);
            assertNull(f.error);
            assertEquals(3, f.size());
            long unit = nanos ? 1 : 1000;
            assertArrayEquals(payload(60, 1), f.get(0).data());
            assertEquals(1_700_000_000L * 1_000_000_000L + 123 * unit, f.get(0).timestampNanos());
            assertEquals(60, f.get(0).originalLength());
            assertEquals(LinkType.ETHERNET, f.get(0).linkType());
            assertEquals(1, f.get(0).index());
            assertArrayEquals(payload(40, 7), f.get(1).data());
            assertEquals(1500, f.get(1).originalLength());
            assertEquals(1_700_000_001L * 1_000_000_000L + 999_999 * unit, f.get(1).timestampNanos());
            // seconds are unsigned 32-bit
            assertEquals(0xFFFF_FFF0L * 1_000_000_000L + 5 * unit, f.get(2).timestampNanos());
            assertEquals(3, f.get(2).index());
            assertEquals(3, src.stats().received);
            assertEquals(101, src.stats().bytes);
        }
    }

    @Test
    void pollHonoursTheLimitAndThenReportsTheEnd() throws Exception {
        TestCaptureWriter.Pcap w = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 0, LinkType.RAW);
        for (int i = 0; i < 5; i++) {
            w.record(i, 0, payload(20 + i, i));
        }
        try (FrameSource src = CaptureFiles.open(write("b.pcap", w.bytes()))) {
            int[] seen = {0};
            assertEquals(2, src.poll(fr -> seen[0]++, 2));
            assertEquals(2, src.poll(fr -> seen[0]++, 2));
            assertEquals(1, src.poll(fr -> seen[0]++, 2));
            assertEquals(-1, src.poll(fr -> seen[0]++, 2));
            assertEquals(-1, src.poll(fr -> seen[0]++, 2));
            assertEquals(5, seen[0]);
        }
    }

    @Test
    void emptyCaptureHasNoFrames() throws Exception {
        byte[] file = new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1).bytes();
        try (FrameSource src = CaptureFiles.open(write("e.pcap", file))) {
            assertEquals(-1, src.poll(fr -> { }, 10));
        }
    }

    @Test
    void recordAboveSnaplenIsCutToSnaplenLikeLibpcap() throws Exception {
        byte[] file = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 32, 1)
                .record(1, 0, payload(50, 3)).record(2, 0, payload(10, 4)).bytes();
        Frames f = Frames.drain(CaptureFiles.open(write("s.pcap", file)), 10);
        assertNull(f.error);
        assertEquals(2, f.size());
        assertArrayEquals(Arrays.copyOf(payload(50, 3), 32), f.get(0).data());
        assertEquals(50, f.get(0).originalLength());
        assertArrayEquals(payload(10, 4), f.get(1).data());
    }

    @Test
    void everySupportedLinkTypeOpensAndAnUnsupportedOneIsNamed() throws Exception {
        for (int lt : new int[] {0, 1, 12, 14, 101, 108, 113, 228, 229, 276}) {
            byte[] file = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, lt)
                    .record(1, 0, payload(20, 0)).bytes();
            Frames f = Frames.drain(CaptureFiles.open(write("lt" + lt + ".pcap", file)), 10);
            assertEquals(lt, f.get(0).linkType());
        }
        // FCS bits above the link type are masked off, as libpcap does
        byte[] fcs = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1 | 0x1400_0000)
                .record(1, 0, payload(20, 0)).bytes();
        assertEquals(1, Frames.drain(CaptureFiles.open(write("fcs.pcap", fcs)), 10).get(0).linkType());
        Path p = write("usb.pcap", new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 189).bytes());
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureFiles.open(p));
        assertTrue(e.getMessage().contains("usb.pcap") && e.getMessage().contains("189"), e.getMessage());
    }

    @Test
    void badVersionAndBadMagicAreRejected() throws Exception {
        Path v = write("v.pcap", new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, false, 1, 0, 65535, 1).bytes());
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureFiles.open(v));
        assertTrue(e.getMessage().contains("version 1.0"), e.getMessage());
        Path m = write("m.pcap", "this is not a capture file".getBytes());
        e = assertThrows(CaptureException.class, () -> CaptureFiles.open(m));
        assertTrue(e.getMessage().startsWith(m + ": offset 0: not a pcap or pcapng"), e.getMessage());
        Path s = write("s.pcap", new byte[] {(byte) 0xd4, (byte) 0xc3});
        e = assertThrows(CaptureException.class, () -> CaptureFiles.open(s));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        Path h = write("h.pcap", Arrays.copyOf(new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, false, 9, 1)
                .bytes(), 20));
        e = assertThrows(CaptureException.class, () -> CaptureFiles.open(h));
        assertTrue(e.getMessage().contains("truncated pcap file header"), e.getMessage());
    }

    @Test
    void corruptRecordLengthsEndTheFileAfterTheGoodFrames() throws Exception {
        byte[] file = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                .record(1, 0, payload(30, 1)).record(2, 0, payload(30, 2))
                .record(3, 0, 70000, 60, new byte[0]).bytes();
        Path p = write("x.pcap", file);
        FrameSource src = CaptureFiles.open(p);
        int[] n = {0};
        // the poll that meets the corruption returns the good frames; the next one throws, once
        assertEquals(2, src.poll(fr -> n[0]++, 100));
        CaptureException e = assertThrows(CaptureException.class, () -> src.poll(fr -> n[0]++, 100));
        assertEquals(p + ": offset 116: record length 70000 exceeds original length 60", e.getMessage());
        assertEquals(-1, src.poll(fr -> n[0]++, 100));
        assertEquals(2, src.stats().received);
        src.close();

        byte[] huge = new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, true, 65535, 1)
                .record(3, 0, 300_000, 300_000, new byte[0]).bytes();
        Frames f = Frames.drain(CaptureFiles.open(write("y.pcap", huge)), 10);
        assertEquals(0, f.size());
        assertEquals(dir.resolve("y.pcap") + ": offset 24: record length 300000 exceeds the 262144-byte limit",
                f.error.getMessage());
    }

    /** Cut a valid file at every offset: the whole records before the cut, then an error naming where. */
    @Test
    void truncatedAtEveryOffset() throws Exception {
        TestCaptureWriter.Pcap w = new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, 1);
        List<Long> ends = new ArrayList<>();
        long end = 24;
        for (int i = 0; i < 4; i++) {
            int len = 10 + 7 * i;
            w.record(i, i, payload(len, i));
            end += 16 + len;
            ends.add(end);
        }
        byte[] full = w.bytes();
        for (int cut = 0; cut <= full.length; cut++) {
            Path p = write("t" + cut + ".pcap", Arrays.copyOf(full, cut));
            if (cut < 24) {
                int c = cut;
                CaptureException e = assertThrows(CaptureException.class, () -> CaptureFiles.open(p), "cut " + c);
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
                continue;
            }
            Frames f = Frames.drain(CaptureFiles.open(p), 3);
            long c = cut;
            long whole = ends.stream().filter(x -> x <= c).count();
            assertEquals(whole, f.size(), "cut " + cut);
            long recordStart = whole == 0 ? 24 : ends.get((int) whole - 1);
            if (cut == recordStart) {
                assertNull(f.error, "cut " + cut);
            } else {
                assertNotNull(f.error, "cut " + cut);
                String expect = p + ": offset " + recordStart + ": truncated record";
                assertTrue(f.error.getMessage().startsWith(expect), f.error.getMessage() + " vs " + expect);
            }
        }
    }

    /** Small windows stand in for the >2 GiB case: a record never straddles, frames stay intact. */
    @Test
    void windowedReadsMoveAtRecordStarts() throws Exception {
        TestCaptureWriter.Pcap w = new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1);
        for (int i = 0; i < 200; i++) {
            w.record(i, 0, payload(1 + (i * 37) % 300, i));
        }
        Path p = write("w.pcap", w.bytes());
        try (PcapFileSource src = PcapFileSource.open(p, 256)) {
            List<byte[]> got = new ArrayList<>();
            while (src.poll(fr -> {
                byte[] d = new byte[fr.captureLength];
                fr.buffer.get(fr.offset, d);
                got.add(d);
                assertTrue(fr.offset >= 16 && fr.offset + fr.captureLength <= fr.buffer.limit(), "frame inside its window");
            }, 7) >= 0) {
                // drain
            }
            assertEquals(200, got.size());
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(payload(1 + (i * 37) % 300, i), got.get(i), "frame " + i);
            }
            assertTrue(src.file.windowsRead() > 50, "windows read: " + src.file.windowsRead());
        }
    }
}
