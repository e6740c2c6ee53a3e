package dev.rampart.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader for classic libpcap files (either byte order, microsecond or nanosecond
 * timestamps). pcapng is recognised and refused with a clear message.
 */
public final class PcapReader implements Closeable {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int PCAPNG_MAGIC = 0x0a0d0d0a;
    /** Larger records are taken as a corrupt file rather than allocated. */
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    private final InputStream in;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int snaplen;
    private final int linktype;
    private final byte[] hdr = new byte[24];

    public PcapReader(InputStream in) throws IOException {
        this.in = in;
        try {
            if (!readFully(hdr, 24, true)) {
                throw new IOException("not a pcap file: empty");
            }
        } catch (EOFException e) {
            throw new IOException("not a pcap file: shorter than a pcap header");
        }
        int le = getInt(hdr, 0, false);
        int be = getInt(hdr, 0, true);
        if (le == MAGIC_MICROS || le == MAGIC_NANOS) {
            bigEndian = false;
            nanos = le == MAGIC_NANOS;
        } else if (be == MAGIC_MICROS || be == MAGIC_NANOS) {
            bigEndian = true;
            nanos = be == MAGIC_NANOS;
        } else if (le == PCAPNG_MAGIC) {
            throw new IOException("pcapng files are not supported yet; convert with: editcap -F pcap in.pcapng out.pcap");
        } else {
            throw new IOException(String.format("not a pcap file (magic 0x%08x)", le));
        }
        snaplen = getInt(hdr, 16, bigEndian);
        linktype = getInt(hdr, 20, bigEndian) & 0x0fffffff;
    }

    public static PcapReader open(Path file) throws IOException {
        return new PcapReader(new BufferedInputStream(Files.newInputStream(file)));
    }

    /** Reads every packet of a stream (and closes it). */
    public static List<PcapPacket> readAll(InputStream in) throws IOException {
        try (PcapReader r = new PcapReader(in)) {
            List<PcapPacket> out = new ArrayList<>();
            PcapPacket p;
            while ((p = r.next()) != null) {
                out.add(p);
            }
            return out;
        }
    }

    public int linktype() {
        return linktype;
    }

    public int snaplen() {
        return snaplen;
    }

    /** The next packet, or null at the end of the file. */
    public PcapPacket next() throws IOException {
        if (!readFully(hdr, 16, true)) {
            return null;
        }
        long sec = getInt(hdr, 0, bigEndian) & 0xffffffffL;
        long frac = getInt(hdr, 4, bigEndian) & 0xffffffffL;
        int incl = getInt(hdr, 8, bigEndian);
        int orig = getInt(hdr, 12, bigEndian);
        if (incl < 0 || incl > MAX_RECORD) {
            throw new IOException("corrupt pcap record (captured length " + (incl & 0xffffffffL) + ")");
        }
        byte[] data = new byte[incl];
        if (!readFully(data, incl, false)) {
            throw new EOFException("truncated pcap record");
        }
        long micros = sec * 1_000_000L + (nanos ? frac / 1000 : frac);
        return new PcapPacket(micros, orig, data);
    }

    /** @return false when the stream ended before the first byte and {@code eofOk} */
    private boolean readFully(byte[] b, int len, boolean eofOk) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, n, len - n);
            if (r < 0) {
                if (n == 0 && eofOk) {
                    return false;
                }
                throw new EOFException("truncated pcap file");
            }
            n += r;
        }
        return true;
    }

    private static int getInt(byte[] b, int off, boolean bigEndian) {
        if (bigEndian) {
            return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        }
        return (b[off] & 0xff) | ((b[off + 1] & 0xff) << 8) | ((b[off + 2] & 0xff) << 16) | ((b[off + 3] & 0xff) << 24);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
