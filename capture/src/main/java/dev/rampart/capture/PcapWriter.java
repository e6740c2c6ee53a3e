package dev.rampart.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic libpcap files: little-endian, microsecond timestamps, Ethernet link type. The
 * file header is written when the writer is created.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int DEFAULT_SNAPLEN = 262144;

    private final OutputStream out;
    private final int snaplen;
    private final byte[] buf = new byte[16];

    public PcapWriter(OutputStream out) throws IOException {
        this(out, DEFAULT_SNAPLEN, LINKTYPE_ETHERNET);
    }

    public PcapWriter(OutputStream out, int snaplen, int linktype) throws IOException {
        this.out = out;
        this.snaplen = snaplen;
        putInt(buf, 0, MAGIC_MICROS);
        putShort(buf, 4, 2); // version 2.4
        putShort(buf, 6, 4);
        putInt(buf, 8, 0); // thiszone: UTC
        putInt(buf, 12, 0); // sigfigs
        out.write(buf, 0, 16);
        putInt(buf, 0, snaplen);
        putInt(buf, 4, linktype);
        out.write(buf, 0, 8);
    }

    public static PcapWriter create(Path file) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** Writes one frame; frames longer than the snap length are cut, keeping the original length. */
    public void write(long timestampMicros, byte[] frame) throws IOException {
        if (timestampMicros < 0) {
            throw new IllegalArgumentException("negative timestamp");
        }
        int captured = Math.min(frame.length, snaplen);
        putInt(buf, 0, (int) (timestampMicros / 1_000_000L));
        putInt(buf, 4, (int) (timestampMicros % 1_000_000L));
        putInt(buf, 8, captured);
        putInt(buf, 12, frame.length);
        out.write(buf, 0, 16);
        out.write(frame, 0, captured);
    }

    public void write(PcapPacket p) throws IOException {
        write(p.timestampMicros(), p.data());
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
