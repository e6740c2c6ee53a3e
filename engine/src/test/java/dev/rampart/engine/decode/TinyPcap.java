package dev.rampart.engine.decode;

import dev.rampart.capture.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test-only classic pcap reader (the real one lives in the capture module): reads the whole file,
 * hands each record as a {@link Frame} over one big-endian buffer.
 */
final class TinyPcap {
    private TinyPcap() {
    }

    static int forEach(Path file, Consumer<Frame> handler) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer le = ByteBuffer.wrap(bytes);
        int magic = le.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        ByteOrder order;
        boolean nanos;
        switch (magic) {
            case 0xA1B2C3D4 -> {
                order = ByteOrder.LITTLE_ENDIAN;
                nanos = false;
            }
            case 0xA1B23C4D -> {
                order = ByteOrder.LITTLE_ENDIAN;
                nanos = true;
            }
            case 0xD4C3B2A1 -> {
                order = ByteOrder.BIG_ENDIAN;
                nanos = false;
            }
            case 0x4D3CB2A1 -> {
                order = ByteOrder.BIG_ENDIAN;
                nanos = true;
            }
            default -> throw new IOException(file + ": not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        ByteBuffer hdr = ByteBuffer.wrap(bytes).order(order);
        int linkType = hdr.getInt(20) & 0x0FFFFFFF;
        ByteBuffer data = ByteBuffer.wrap(bytes); // big-endian view for the decoders
        Frame frame = new Frame();
        int pos = 24;
        long index = 0;
        while (pos + 16 <= bytes.length) {
            long sec = hdr.getInt(pos) & 0xFFFFFFFFL;
            long frac = hdr.getInt(pos + 4) & 0xFFFFFFFFL;
            int caplen = hdr.getInt(pos + 8);
            int origlen = hdr.getInt(pos + 12);
            if (caplen < 0 || pos + 16 + caplen > bytes.length) {
                break; // a truncated last record ends the file, as libpcap reports it to Suricata
            }
            long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
            handler.accept(frame.set(data, pos + 16, caplen, origlen, linkType, ts, ++index, 0));
            pos += 16 + caplen;
        }
        return (int) index;
    }

    /** Writes frames as a classic little-endian microsecond pcap (for crafted test inputs). */
    static byte[] write(int linkType, List<byte[]> frames) {
        int size = 24;
        for (byte[] f : frames) {
            size += 16 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        int i = 0;
        for (byte[] f : frames) {
            b.putInt(1_700_000_000 + i).putInt(i * 1000).putInt(f.length).putInt(f.length).put(f);
            i++;
        }
        return b.array();
    }

    static List<byte[]> list() {
        return new ArrayList<>();
    }
}
