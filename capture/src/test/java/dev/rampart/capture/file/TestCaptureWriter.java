package dev.rampart.capture.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;

/** Tiny pcap / pcapng writer for tests: any byte order, any field values (also wrong ones). */
final class TestCaptureWriter {
    private TestCaptureWriter() {
    }

    /** A classic pcap file being built. */
    static final class Pcap {
        private final ByteOrder order;
        private final boolean nanos;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcap(ByteOrder order, boolean nanos, int snaplen, int linkType) {
            this(order, nanos, 2, 4, snaplen, linkType);
        }

        Pcap(ByteOrder order, boolean nanos, int major, int minor, int snaplen, int linkType) {
            this.order = order;
            this.nanos = nanos;
            ByteBuffer b = ByteBuffer.allocate(24).order(order);
            b.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) major).putShort((short) minor)
                    .putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
            out.writeBytes(b.array());
        }

        boolean nanos() {
            return nanos;
        }

        Pcap record(long seconds, long fraction, byte[] data) {
            return record(seconds, fraction, data.length, data.length, data);
        }

        Pcap record(long seconds, long fraction, int caplen, int origlen, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(16).order(order);
            b.putInt((int) seconds).putInt((int) fraction).putInt(caplen).putInt(origlen);
            out.writeBytes(b.array());
            out.writeBytes(data);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A pcapng file being built, block by block. */
    static final class Pcapng {
        private ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcapng(ByteOrder order) {
            this.order = order;
            section(order, -1);
        }

        /** Starts a new section (a new SHB), possibly in another byte order. */
        Pcapng section(ByteOrder newOrder, long sectionLength) {
            this.order = newOrder;
            ByteBuffer body = ByteBuffer.allocate(16).order(order);
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(sectionLength);
            return block(0x0A0D0D0A, body.array());
        }

        /** IDB; tsresol / tsoffset options only when not null. */
        Pcapng interfaceDescription(int linkType, int snaplen, Integer tsresol, Long tsoffset) {
            ByteBuffer body = ByteBuffer.allocate(64).order(order);
            body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            // if_name option first, to make sure other options are skipped properly
            body.putShort((short) 2).putShort((short) 3).put(new byte[] {'e', 't', 'h', 0});
            if (tsresol != null) {
                body.putShort((short) 9).putShort((short) 1).put((byte) (int) tsresol).put(new byte[3]);
            }
            if (tsoffset != null) {
                body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
            }
            body.putShort((short) 0).putShort((short) 0);
            return block(1, slice(body));
        }

        Pcapng enhancedPacket(int interfaceId, long timestamp, byte[] data) {
            return enhancedPacket(interfaceId, timestamp, data.length, data.length, data);
        }

        Pcapng enhancedPacket(int interfaceId, long timestamp, int caplen, int origlen, byte[] data) {
            ByteBuffer body = ByteBuffer.allocate(20 + pad(data.length) + 12).order(order);
            body.putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp).putInt(caplen)
                    .putInt(origlen).put(data).position(20 + pad(data.length));
            // an opt_comment, then end of options
            body.putShort((short) 1).putShort((short) 2).put(new byte[] {'h', 'i', 0, 0});
            body.putShort((short) 0).putShort((short) 0);
            return block(6, slice(body));
        }

        Pcapng simplePacket(int origlen, byte[] data) {
            ByteBuffer body = ByteBuffer.allocate(4 + pad(data.length)).order(order);
            body.putInt(origlen).put(data);
            return block(3, body.array());
        }

        Pcapng obsoletePacket(int interfaceId, long timestamp, byte[] data) {
            ByteBuffer body = ByteBuffer.allocate(20 + pad(data.length)).order(order);
            body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (timestamp >>> 32))
                    .putInt((int) timestamp).putInt(data.length).putInt(data.length).put(data);
            return block(2, body.array());
        }

        /** Any block; the body is padded to 4 bytes. */
        Pcapng block(int type, byte[] body) {
            int total = 12 + pad(body.length);
            ByteBuffer b = ByteBuffer.allocate(total).order(order);
            b.putInt(type).putInt(total).put(body).position(total - 4);
            b.putInt(total);
            out.writeBytes(b.array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static byte[] slice(ByteBuffer b) {
            byte[] a = new byte[b.position()];
            System.arraycopy(b.array(), 0, a, 0, a.length);
            return a;
        }
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }

    /**
     * Writes {@code file}: a little-endian microsecond pcap of {@code frames} records, record i a
     * {@link #payload} of {@code length(i)} bytes seeded with i, at i seconds.
     */
    static Path payloadPcap(Path file, int frames, IntUnaryOperator length) throws IOException {
        Pcap w = new Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < frames; i++) {
            w.record(i, 0, payload(length.applyAsInt(i), i));
        }
        Files.write(file, w.bytes());
        return file;
    }

    /** A frame whose bytes are 0, 1, 2 ... offset by {@code seed}. */
    static byte[] payload(int length, int seed) {
        byte[] d = new byte[length];
        for (int i = 0; i < length; i++) {
            d[i] = (byte) (seed + i);
        }
        return d;
    }
}
