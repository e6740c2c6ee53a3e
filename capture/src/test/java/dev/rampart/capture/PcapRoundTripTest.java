package dev.rampart.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import dev.rampart.capture.file.CaptureFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PcapWriter output, read back by the capture file reader. */
class PcapRoundTripTest {
    @TempDir
    Path dir;

    private List<PcapPacket> read(byte[] file) throws Exception {
        Path f = Files.createTempFile(dir, "x", ".pcap");
        Files.write(f, file);
        return CaptureFiles.readAll(f).packets();
    }

    @Test
    void writerProducesTheClassicLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(1_700_000_000_123_456L, new byte[] {1, 2, 3});
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24 + 16 + 3, b.remaining());
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(2, b.getShort(4));
        assertEquals(4, b.getShort(6));
        assertEquals(0, b.getInt(8));
        assertEquals(PcapWriter.DEFAULT_SNAPLEN, b.getInt(16));
        assertEquals(1, b.getInt(20), "Ethernet link type");
        assertEquals(1_700_000_000, b.getInt(24));
        assertEquals(123_456, b.getInt(28));
        assertEquals(3, b.getInt(32));
        assertEquals(3, b.getInt(36));
    }

    @Test
    void roundTrip() throws Exception {
        Path f = dir.resolve("x.pcap");
        try (PcapWriter w = PcapWriter.create(f)) {
            w.write(10, new byte[] {9});
            w.write(2_000_001, new byte[60]);
        }
        CaptureFiles.Contents c = CaptureFiles.readAll(f);
        assertEquals(1, c.linkType());
        assertEquals(2, c.packets().size());
        PcapPacket a = c.packets().get(0);
        assertEquals(10, a.timestampMicros());
        assertArrayEquals(new byte[] {9}, a.data());
        PcapPacket b = c.packets().get(1);
        assertEquals(2_000_001, b.timestampMicros());
        assertEquals(60, b.capturedLength());
        assertEquals(60, b.originalLength());
    }

    @Test
    void snaplenCutsButKeepsOriginalLength() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 4, PcapWriter.LINKTYPE_ETHERNET)) {
            w.write(0, new byte[] {1, 2, 3, 4, 5, 6});
        }
        PcapPacket p = read(out.toByteArray()).get(0);
        assertEquals(4, p.capturedLength());
        assertEquals(6, p.originalLength());
    }

    @Test
    void readsBigEndianNanosecondFiles() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 2).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(5).putInt(123_456_789).putInt(2).putInt(2).put((byte) 7).put((byte) 8);
        List<PcapPacket> ps = read(b.array());
        assertEquals(1, ps.size());
        assertEquals(5_123_456, ps.get(0).timestampMicros());
        assertArrayEquals(new byte[] {7, 8}, ps.get(0).data());
    }

    @Test
    void badFiles() throws Exception {
        assertThrows(CaptureException.class, () -> read(new byte[0]));
        assertThrows(CaptureException.class, () -> read(new byte[24]));
        // a record that claims more bytes than the file has
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(0, new byte[10]);
        }
        byte[] cut = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 3);
        CaptureException e = assertThrows(CaptureException.class, () -> read(cut));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }
}
