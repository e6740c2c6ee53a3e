package dev.rampart.capture.file;

import static dev.rampart.capture.file.TestCaptureWriter.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.LinkType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngFileSourceTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static ByteOrder order(String o) {
        return o.equals("BE") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    @ParameterizedTest
    @ValueSource(strings = {"BE", "LE"})
    void twoInterfacesWithOwnLinkTypesResolutionsAndOffsets(String o) throws Exception {
        byte[] file = new TestCaptureWriter.Pcapng(order(o))
                .interfaceDescription(LinkType.ETHERNET, 65535, null, null) // default: microseconds
                .interfaceDescription(LinkType.RAW, 128, 9, 100L) // nanoseconds, +100 s
                .enhancedPacket(0, 1_700_000_000_123_456L, payload(60, 1))
                .block(4, new byte[] {1, 0, 8, 0, 10, 0, 0, 1, 'a', '.', 'b', 0, 0, 0, 0, 0}) // NRB
                .enhancedPacket(1, 5 * S + 7, 200, 1400, payload(200, 2)) // cut to snaplen 128
                .block(5, new byte[20]) // ISB
                .block(0x0A, new byte[] {0x4b, 0x53, 0x4c, 0x54, 0, 0, 0, 0}) // DSB
                .block(0x40000BAD, new byte[] {0, 0, 0x7e, (byte) 0xd9, 1, 2, 3, 4}) // custom
                .obsoletePacket(1, 9, payload(33, 4))
                .simplePacket(70, payload(70, 3))
                .bytes();
        try (FrameSource src = CaptureFiles.open(write("two.pcapng", file))) {
            assertInstanceOf(PcapngFileSource.class, src);
            Frames f = Frames.drain(src, 2);
            assertNull(f.error);
            assertEquals(4, f.size());

            assertArrayEquals(payload(60, 1), f.get(0).data());
            assertEquals(LinkType.ETHERNET, f.get(0).linkType());
            assertEquals(0, f.get(0).interfaceId());
            assertEquals(1_700_000_000_123_456_000L, f.get(0).timestampNanos());

            assertArrayEquals(Arrays.copyOf(payload(200, 2), 128), f.get(1).data());
            assertEquals(1400, f.get(1).originalLength());
            assertEquals(LinkType.RAW, f.get(1).linkType());
            assertEquals(1, f.get(1).interfaceId());
            assertEquals(105 * S + 7, f.get(1).timestampNanos());

            assertArrayEquals(payload(33, 4), f.get(2).data());
            assertEquals(1, f.get(2).interfaceId());
            assertEquals(100 * S + 9, f.get(2).timestampNanos());

            // SPB: interface 0, no timestamp
            assertArrayEquals(payload(70, 3), f.get(3).data());
            assertEquals(LinkType.ETHERNET, f.get(3).linkType());
            assertEquals(0, f.get(3).timestampNanos());
            assertEquals(4, f.get(3).index());
            assertEquals(4, src.stats().received);
            assertEquals(60 + 128 + 33 + 70, src.stats().bytes);
        }
    }

    @Test
    void powerOfTwoAndOtherDecimalResolutions() throws Exception {
        byte[] file = new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, 0x80 | 20, null) // 2^-20 s
                .interfaceDescription(1, 0, 3, -10L) // milliseconds, -10 s
                .interfaceDescription(1, 0, 0x80, null) // 2^0: whole seconds
                .interfaceDescription(1, 0, 12, null) // picoseconds
                .enhancedPacket(0, (7L << 20) | (1L << 19), payload(4, 0)) // 7.5 s
                .enhancedPacket(1, 12_345, payload(4, 0)) // 12.345 s - 10 s
                .enhancedPacket(2, 3, payload(4, 0))
                .enhancedPacket(3, 1_234_567_890_123L, payload(4, 0))
                .bytes();
        Frames f = Frames.drain(CaptureFiles.open(write("res.pcapng", file)), 10);
        assertNull(f.error);
        assertEquals(7 * S + S / 2, f.get(0).timestampNanos());
        assertEquals(2_345_000_000L, f.get(1).timestampNanos());
        assertEquals(3 * S, f.get(2).timestampNanos());
        assertEquals(1_234_567_890L, f.get(3).timestampNanos());
        // 2^-10 units, all ones: 2^54-1 seconds and 1023/1024 s (floored to ns); wraps like any overflow
        assertEquals(((1L << 54) - 1) * S + 999_023_437L, PcapngFileSource.toNanos(-1L, 0x80 | 10));
        assertEquals(S / 2, PcapngFileSource.toNanos(1L << 62, 0x80 | 63), "2^-63 resolution");
    }

    @Test
    void severalSectionsInDifferentByteOrdersResetInterfaces() throws Exception {
        byte[] file = new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(LinkType.IPV6, 0, null, null)
                .enhancedPacket(0, 1, payload(40, 5))
                .section(ByteOrder.LITTLE_ENDIAN, 0)
                .interfaceDescription(LinkType.LINUX_SLL, 65535, null, null)
                .enhancedPacket(0, 2, payload(16, 6))
                .section(ByteOrder.BIG_ENDIAN, -1)
                .enhancedPacket(0, 3, payload(16, 6)) // no interface in this section yet
                .bytes();
        Path p = write("sections.pcapng", file);
        Frames f = Frames.drain(CaptureFiles.open(p), 10);
        assertEquals(2, f.size());
        assertEquals(LinkType.IPV6, f.get(0).linkType());
        assertEquals(LinkType.LINUX_SLL, f.get(1).linkType());
        assertArrayEquals(payload(16, 6), f.get(1).data());
        assertNotNull(f.error);
        int third = file.length - (12 + 20 + 16 + 12); // EPB: header, fields, data, options
        assertEquals(p + ": offset " + third + ": packet on interface 0 but the section defines 0",
                f.error.getMessage());
    }

    @Test
    void corruptBlocksAreNamedWithTheirOffset() throws Exception {
        TestCaptureWriter.Pcapng w = new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, null, null).enhancedPacket(0, 1, payload(20, 1));
        byte[] good = w.bytes();

        byte[] trailer = good.clone();
        trailer[trailer.length - 4] ^= 4;
        Frames f = Frames.drain(CaptureFiles.open(write("trailer.pcapng", trailer)), 10);
        assertEquals(0, f.size());
        assertTrue(f.error.getMessage().contains("offset " + (good.length - 32 - 20 - 12)
                + ": block trailer length"), f.error.getMessage());

        byte[] odd = good.clone();
        ByteBuffer.wrap(odd).order(ByteOrder.LITTLE_ENDIAN).putInt(good.length - 64 + 4, 0x31);
        f = Frames.drain(CaptureFiles.open(write("odd.pcapng", odd)), 10);
        assertTrue(f.error.getMessage().contains("block length 49 is not a multiple of 4"), f.error.getMessage());

        byte[] bom = good.clone();
        bom[8] = 0;
        CaptureException e = assertThrows(CaptureException.class,
                () -> Frames.drain(CaptureFiles.open(write("bom.pcapng", bom)), 10).rethrow());
        assertTrue(e.getMessage().endsWith("offset 8: bad byte-order magic 0x3c2b1a"), e.getMessage());

        byte[] over = new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, 0, null, null)
                .enhancedPacket(0, 1, 90, 90, payload(20, 1)).bytes();
        f = Frames.drain(CaptureFiles.open(write("over.pcapng", over)), 10);
        assertTrue(f.error.getMessage().contains("record length 90 overruns"), f.error.getMessage());

        byte[] unsupported = new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(1, 0, null, null).interfaceDescription(147, 0, null, null)
                .enhancedPacket(0, 1, payload(20, 1)).enhancedPacket(1, 1, payload(20, 1)).bytes();
        f = Frames.drain(CaptureFiles.open(write("lt.pcapng", unsupported)), 10);
        assertEquals(1, f.size());
        assertTrue(f.error.getMessage().contains("lt.pcapng") && f.error.getMessage().contains("link type 147"),
                f.error.getMessage());
    }

    /** Cut a valid file at every offset: the packets of whole blocks before the cut, then the offset. */
    @Test
    void truncatedAtEveryOffset() throws Exception {
        TestCaptureWriter.Pcapng w = new TestCaptureWriter.Pcapng(ByteOrder.BIG_ENDIAN);
        List<Integer> blockEnds = new ArrayList<>();
        List<Boolean> isPacket = new ArrayList<>();
        blockEnds.add(w.bytes().length);
        isPacket.add(false);
        w.interfaceDescription(1, 0, 9, null);
        blockEnds.add(w.bytes().length);
        isPacket.add(false);
        for (int i = 0; i < 3; i++) {
            w.enhancedPacket(0, i, payload(13 + 9 * i, i));
            blockEnds.add(w.bytes().length);
            isPacket.add(true);
            w.block(5, new byte[12]);
            blockEnds.add(w.bytes().length);
            isPacket.add(false);
        }
        byte[] full = w.bytes();
        for (int cut = 12; cut <= full.length; cut++) {
            Path p = write("t" + cut + ".pcapng", Arrays.copyOf(full, cut));
            Frames f = Frames.drain(CaptureFiles.open(p), 2);
            int packets = 0;
            int blockStart = 0;
            for (int b = 0; b < blockEnds.size() && blockEnds.get(b) <= cut; b++) {
                packets += isPacket.get(b) ? 1 : 0;
                blockStart = blockEnds.get(b);
            }
            assertEquals(packets, f.size(), "cut " + cut);
            if (cut == blockStart) {
                assertNull(f.error, "cut " + cut);
            } else {
                assertNotNull(f.error, "cut " + cut);
                assertTrue(f.error.getMessage().startsWith(p + ": offset " + blockStart + ": truncated block"),
                        f.error.getMessage());
            }
        }
        CaptureException e = assertThrows(CaptureException.class,
                () -> CaptureFiles.open(write("tiny.pcapng", Arrays.copyOf(full, 8))));
        assertTrue(e.getMessage().contains("truncated pcapng section header"), e.getMessage());
    }

    @Test
    void windowedMappingRemapsAtBlockStarts() throws Exception {
        TestCaptureWriter.Pcapng w = new TestCaptureWriter.Pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, null, null);
        for (int i = 0; i < 100; i++) {
            w.enhancedPacket(0, i, payload(1 + (i * 53) % 400, i));
        }
        try (PcapngFileSource src = PcapngFileSource.open(write("w.pcapng", w.bytes()), 300)) {
            Frames f = Frames.drain(src, 3);
            assertNull(f.error);
            assertEquals(100, f.size());
            for (int i = 0; i < 100; i++) {
                assertArrayEquals(payload(1 + (i * 53) % 400, i), f.get(i).data(), "frame " + i);
            }
        }
    }
}
