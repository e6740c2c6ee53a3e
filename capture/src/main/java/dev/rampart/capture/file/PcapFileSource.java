package dev.rampart.capture.file;

import static dev.rampart.capture.file.FileBytes.u16;
import static dev.rampart.capture.file.FileBytes.u32;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.LinkType;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Classic libpcap file reader over a file read window by window: 24-byte file header, then 16-byte record
 * headers each followed by the captured bytes. Both byte orders, microsecond ({@code a1b2c3d4}) and
 * nanosecond ({@code a1b23c4d}) timestamps.
 *
 * <p>Like libpcap, a record longer than the file's snaplen is cut to the snaplen; a record longer
 * than {@link #MAX_CAPTURE_LENGTH}, or longer than the packet it claims to be part of, is corruption.
 */
public final class PcapFileSource extends WindowedFileSource {
    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    /** The file header: byte order, time unit, snaplen and link type of every record. */
    private final Header header;
    private long pos = FILE_HEADER_LENGTH;
    /** The fanout group whose record index this reader follows instead of each record's header, or null. */
    private final FileFanout indexed;
    /** The window index being followed, and its number. */
    private FileFanout.WindowIndex cur;
    private int curWindow = -1;
    /** This reader's share of {@link #cur}, the next of it to deliver, and the records of {@code cur} counted so far (-1: all). */
    private FileFanout.Share mine;
    private int nextInWindow;
    private int seen;
    /** Indexed reader: its number in the group (a balanced index follows the readers' progress). */
    private final int readerId;

    public static PcapFileSource open(Path path) throws CaptureException {
        return new PcapFileSource(new WindowedCaptureFile(path, 0));
    }

    /** Opens with a given window size (tests of the large-file windowing). */
    static PcapFileSource open(Path path, long windowSize) throws CaptureException {
        return new PcapFileSource(new WindowedCaptureFile(path, windowSize));
    }

    /** Reads through {@code file} (a {@link FileFanout} reader). */
    static PcapFileSource open(WindowedCaptureFile file) throws CaptureException {
        return new PcapFileSource(file);
    }

    /** Reads bytes in memory as if they were a file named {@code name} (fuzzing). */
    static PcapFileSource open(String name, ByteBuffer bytes, long windowSize) throws CaptureException {
        return new PcapFileSource(new WindowedCaptureFile(name, bytes, windowSize));
    }

    private PcapFileSource(WindowedCaptureFile file) throws CaptureException {
        super(file);
        this.indexed = file.group() != null && file.group().indexed() ? file.group() : null;
        this.readerId = file.reader();
        try {
            if (!file.ensure(0, FILE_HEADER_LENGTH)) {
                throw corrupt(0, "truncated pcap file header (" + file.size() + " of 24 bytes)");
            }
            ByteBuffer b = file.buffer();
            Header h = Header.of(b);
            if (h == null) {
                throw corrupt(0, "not a pcap file (magic 0x" + Integer.toHexString(b.getInt(0)) + ")");
            }
            header = h;
            int major = u16(b, 4, h.swapped());
            int minor = u16(b, 6, h.swapped());
            if (major != 2) {
                throw corrupt(4, "unsupported pcap version " + major + "." + minor);
            }
            if (!LinkType.isSupported(h.linkType())) {
                throw new CaptureException(file.name() + ": unsupported link type " + h.linkType());
            }
        } catch (CaptureException e) {
            file.close();
            throw e;
        }
    }

    public int linkType() {
        return header.linkType();
    }

    public int snaplen() {
        return header.snaplen();
    }

    public boolean nanosecondTimestamps() {
        return header.nanos();
    }

    /**
     * The fields of a pcap file header a record reader needs, for this reader and for a fanout's
     * index walk ({@link FileFanout#indexBy}) alike.
     */
    record Header(boolean swapped, boolean nanos, int snaplen, int linkType) {
        /** The header at the start of {@code b}, or null when its magic number is not pcap's. */
        static Header of(ByteBuffer b) {
            int magic = b.getInt(0);
            boolean swapped;
            if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
                swapped = false;
            } else if (magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS)) {
                swapped = true;
            } else {
                return null;
            }
            long snap = u32(b, 16, swapped);
            // The upper bits of the link type carry FCS length and reserved flags (libpcap's LT_LINKTYPE mask).
            return new Header(swapped, (swapped ? Integer.reverseBytes(magic) : magic) == MAGIC_NANOS,
                    snap == 0 || snap > MAX_CAPTURE_LENGTH ? MAX_CAPTURE_LENGTH : (int) snap,
                    (int) (u32(b, 20, swapped) & 0x03FF_FFFF));
        }

        /** A record's time in nanoseconds since the epoch from its seconds and second fraction. */
        long timeNanos(long seconds, long fraction) {
            return seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        }
    }

    /**
     * Why a record header is corruption (null: it is not), for this reader and for a fanout's
     * index walk alike, so that both stop at the same record with the same message.
     */
    static String recordProblem(long caplen, long origlen) {
        if (caplen > MAX_CAPTURE_LENGTH) {
            return "record length " + caplen + " exceeds the " + MAX_CAPTURE_LENGTH + "-byte limit";
        }
        if (caplen > origlen) {
            return "record length " + caplen + " exceeds original length " + origlen;
        }
        return null;
    }

    static String truncatedHeader(long left) {
        return "truncated record header (" + left + " of 16 bytes)";
    }

    static String truncatedRecord(long left, int len) {
        return "truncated record (" + left + " of " + len + " data bytes)";
    }

    /**
     * A fanout reader with the group's record index: the next record from the index (its offset,
     * lengths, time and worker walked once for every reader), its header not read again; the
     * frame carries its worker ({@link dev.rampart.capture.Frame#owner}) and its bytes are read
     * only by that worker's processing.
     */
    private int nextIndexed(FrameHandler handler) throws CaptureException {
        while (mine == null || nextInWindow == mine.count) {
            if (cur != null && seen >= 0) { // the window's records after this reader's last
                passed(handler, cur.count - seen, cur.bytes() - mine.bytes);
                seen = -1;
            }
            if (cur != null && cur.error != null) {
                throw cur.error;
            }
            if ((cur != null && cur.end >= file.size()) || curWindow + 1 >= indexed.windowCount()) {
                return END;
            }
            cur = indexed.index(++curWindow);
            mine = cur.shares[readerId];
            arrivalNanos = cur.indexedNanos;
            nextInWindow = 0;
            seen = 0;
            indexed.buildAhead(curWindow + 1);
            indexed.readAhead(curWindow + 2);
        }
        FileFanout.WindowIndex w = cur;
        FileFanout.Share m = mine;
        int j = nextInWindow++;
        int q = m.seq[j];
        if (q > seen) { // other readers' records before this one
            passed(handler, q - seen, 0);
        }
        seen = q + 1;
        long at = w.base + m.rel[j];
        int len = m.caplen[j];
        if (!file.ensure(at, RECORD_HEADER_LENGTH + len)) { // the walk checked it against the same file
            throw corrupt(at, truncatedRecord(file.size() - at - RECORD_HEADER_LENGTH, len));
        }
        if ((j & 63) == 0) {
            indexed.reached(readerId, w.recordsBefore + q + 1);
        }
        return deliver(handler, file.buffer(), file.index(at) + RECORD_HEADER_LENGTH, Math.min(len, header.snaplen()),
                m.origlen[j], header.linkType(), m.ts[j], 0, readerId);
    }

    @Override
    int next(FrameHandler handler) throws CaptureException {
        if (indexed != null) {
            return nextIndexed(handler);
        }
        long at = pos;
        if (!file.ensure(at, RECORD_HEADER_LENGTH)) {
            long left = file.size() - at;
            if (left == 0) {
                return END;
            }
            throw corrupt(at, truncatedHeader(left));
        }
        ByteBuffer b = file.buffer();
        int i = file.index(at);
        boolean swapped = header.swapped();
        long seconds = u32(b, i, swapped);
        long fraction = u32(b, i + 4, swapped);
        long caplen = u32(b, i + 8, swapped);
        long origlen = u32(b, i + 12, swapped);
        String problem = recordProblem(caplen, origlen);
        if (problem != null) {
            throw corrupt(at, problem);
        }
        int len = (int) caplen;
        if (!file.ensure(at, RECORD_HEADER_LENGTH + len)) {
            throw corrupt(at, truncatedRecord(file.size() - at - RECORD_HEADER_LENGTH, len));
        }
        pos = at + RECORD_HEADER_LENGTH + len;
        b = file.buffer();
        i = file.index(at);
        return deliver(handler, b, i + RECORD_HEADER_LENGTH, Math.min(len, header.snaplen()), (int) Math.min(origlen,
                Integer.MAX_VALUE), header.linkType(), header.timeNanos(seconds, fraction), 0);
    }
}
