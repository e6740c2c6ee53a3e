package dev.rampart.capture.file;

import static dev.rampart.capture.file.FileBytes.i64;
import static dev.rampart.capture.file.FileBytes.u16;
import static dev.rampart.capture.file.FileBytes.u32;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.LinkType;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * pcapng reader over a file read window by window. Walks blocks: Section Header (either byte order, any
 * number of sections, section length -1 allowed), Interface Description (link type, snaplen,
 * {@code if_tsresol}, {@code if_tsoffset}), Enhanced / Simple / obsolete Packet blocks become frames;
 * every other block (name resolution, statistics, decryption secrets, custom ...) is skipped.
 * Interfaces of one section may have different link types.
 */
public final class PcapngFileSource extends WindowedFileSource {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int PB = 0x00000002;
    static final int SPB = 0x00000003;
    static final int EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** libpcap refuses blocks above 16 MiB; so do we (a sane bound on a corrupt length). */
    static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    private static final int OPT_ENDOFOPT = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final int DEFAULT_TSRESOL = 6;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private boolean swapped;
    private long pos;
    // Interfaces of the current section, by id.
    private int interfaces;
    private int[] linkTypes = new int[4];
    private int[] snaplens = new int[4];
    private int[] tsresols = new int[4];
    private long[] tsoffsetNanos = new long[4];

    public static PcapngFileSource open(Path path) throws CaptureException {
        return new PcapngFileSource(new WindowedCaptureFile(path, 0));
    }

    static PcapngFileSource open(Path path, long windowSize) throws CaptureException {
        return new PcapngFileSource(new WindowedCaptureFile(path, windowSize));
    }

    /** Reads through {@code file} (a {@link FileFanout} reader). */
    static PcapngFileSource open(WindowedCaptureFile file) throws CaptureException {
        return new PcapngFileSource(file);
    }

    /** Reads bytes in memory as if they were a file named {@code name} (fuzzing). */
    static PcapngFileSource open(String name, ByteBuffer bytes, long windowSize) throws CaptureException {
        return new PcapngFileSource(new WindowedCaptureFile(name, bytes, windowSize));
    }

    private PcapngFileSource(WindowedCaptureFile file) throws CaptureException {
        super(file);
        if (!file.ensure(0, 12) || file.buffer().getInt(0) != SHB) {
            file.close();
            throw corrupt(0, file.size() < 12 ? "truncated pcapng section header" : "not a pcapng file");
        }
    }

    /** Interfaces defined so far in the current section. */
    public int interfaceCount() {
        return interfaces;
    }

    @Override
    int next(FrameHandler handler) throws CaptureException {
        long at = pos;
        if (!file.ensure(at, 8)) {
            long left = file.size() - at;
            if (left == 0) {
                return END;
            }
            throw corrupt(at, "truncated block header (" + left + " of 8 bytes)");
        }
        int type = file.buffer().getInt(file.index(at)); // SHB's type reads the same in both orders
        if (type == SHB) {
            if (!file.ensure(at, 12)) {
                throw corrupt(at, "truncated section header block");
            }
            int bom = file.buffer().getInt(file.index(at) + 8);
            if (bom == BYTE_ORDER_MAGIC) {
                swapped = false;
            } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                swapped = true;
            } else {
                throw corrupt(at + 8, "bad byte-order magic 0x" + Integer.toHexString(bom));
            }
        } else {
            type = swapped ? Integer.reverseBytes(type) : type;
        }
        long total = u32(file.buffer(), file.index(at) + 4, swapped);
        if (total < 12 || (total & 3) != 0) {
            throw corrupt(at, "block length " + total + " is not a multiple of 4 of at least 12");
        }
        if (total > MAX_BLOCK_LENGTH) {
            throw corrupt(at, "block length " + total + " exceeds the " + MAX_BLOCK_LENGTH + "-byte limit");
        }
        int length = (int) total;
        if (!file.ensure(at, length)) {
            throw corrupt(at, "truncated block (" + (file.size() - at) + " of " + length + " bytes)");
        }
        ByteBuffer b = file.buffer();
        int i = file.index(at);
        long trailer = u32(b, i + length - 4, swapped);
        if (trailer != total) {
            throw corrupt(at, "block trailer length " + trailer + " does not match block length " + total);
        }
        pos = at + length;
        return switch (type) {
            case SHB -> section(b, i, length, at);
            case IDB -> interfaceDescription(b, i, length, at);
            case EPB -> enhancedPacket(handler, b, i, length, at);
            case SPB -> simplePacket(handler, b, i, length, at);
            case PB -> obsoletePacket(handler, b, i, length, at);
            default -> SKIPPED;
        };
    }

    private int section(ByteBuffer b, int i, int length, long at) throws CaptureException {
        if (length < 28) {
            throw corrupt(at, "section header block of " + length + " bytes (minimum 28)");
        }
        int major = u16(b, i + 12, swapped);
        if (major != 1) {
            throw corrupt(at, "unsupported pcapng version " + major + "." + u16(b, i + 14, swapped));
        }
        // The section length (i + 16) may be -1 (unknown); blocks are walked one by one anyway.
        interfaces = 0;
        return SKIPPED;
    }

    private int interfaceDescription(ByteBuffer b, int i, int length, long at) throws CaptureException {
        if (length < 20) {
            throw corrupt(at, "interface description block of " + length + " bytes (minimum 20)");
        }
        int linkType = u16(b, i + 8, swapped);
        long snap = u32(b, i + 12, swapped);
        int tsresol = DEFAULT_TSRESOL;
        long tsoffset = 0;
        int o = i + 16;
        int end = i + length - 4;
        while (o + 4 <= end) {
            int code = u16(b, o, swapped);
            int len = u16(b, o + 2, swapped);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            int value = o + 4;
            if (value + len > end) {
                throw corrupt(at + (o - i), "option " + code + " of " + len + " bytes overruns its block");
            }
            if (code == IF_TSRESOL && len == 1) {
                tsresol = b.get(value) & 0xFF;
                int exponent = tsresol & 0x7F;
                if ((tsresol & 0x80) != 0 ? exponent > 63 : exponent > 18) {
                    throw corrupt(at + (o - i), "unsupported if_tsresol 0x" + Integer.toHexString(tsresol));
                }
            } else if (code == IF_TSOFFSET && len == 8) {
                tsoffset = i64(b, value, swapped) * 1_000_000_000L;
            }
            o = value + ((len + 3) & ~3);
        }
        int id = interfaces;
        if (id == linkTypes.length) {
            int n = id * 2;
            linkTypes = Arrays.copyOf(linkTypes, n);
            snaplens = Arrays.copyOf(snaplens, n);
            tsresols = Arrays.copyOf(tsresols, n);
            tsoffsetNanos = Arrays.copyOf(tsoffsetNanos, n);
        }
        linkTypes[id] = linkType;
        snaplens[id] = snap == 0 || snap > MAX_CAPTURE_LENGTH ? MAX_CAPTURE_LENGTH : (int) snap;
        tsresols[id] = tsresol;
        tsoffsetNanos[id] = tsoffset;
        interfaces = id + 1;
        return SKIPPED;
    }

    private int enhancedPacket(FrameHandler handler, ByteBuffer b, int i, int length, long at)
            throws CaptureException {
        if (length < 32) {
            throw corrupt(at, "enhanced packet block of " + length + " bytes (minimum 32)");
        }
        long id = u32(b, i + 8, swapped);
        long ts = (u32(b, i + 12, swapped) << 32) | u32(b, i + 16, swapped);
        return packet(handler, b, i, length, at, id, ts, u32(b, i + 20, swapped), u32(b, i + 24, swapped), 28);
    }

    private int obsoletePacket(FrameHandler handler, ByteBuffer b, int i, int length, long at)
            throws CaptureException {
        if (length < 32) {
            throw corrupt(at, "packet block of " + length + " bytes (minimum 32)");
        }
        long id = u16(b, i + 8, swapped);
        long ts = (u32(b, i + 12, swapped) << 32) | u32(b, i + 16, swapped);
        return packet(handler, b, i, length, at, id, ts, u32(b, i + 20, swapped), u32(b, i + 24, swapped), 28);
    }

    private int simplePacket(FrameHandler handler, ByteBuffer b, int i, int length, long at)
            throws CaptureException {
        if (length < 16) {
            throw corrupt(at, "simple packet block of " + length + " bytes (minimum 16)");
        }
        if (interfaces == 0) {
            throw corrupt(at, "simple packet block before any interface description");
        }
        long origlen = u32(b, i + 8, swapped);
        // No captured length field: the packet is the original length cut by interface 0's snaplen.
        long caplen = Math.min(origlen, Math.min(length - 16, snaplens[0]));
        checkLinkType(0, at);
        return deliver(handler, b, i + 12, (int) caplen, (int) Math.min(origlen, Integer.MAX_VALUE), linkTypes[0],
                0, 0);
    }

    private int packet(FrameHandler handler, ByteBuffer b, int i, int length, long at, long id, long ts,
            long caplen, long origlen, int dataOffset) throws CaptureException {
        if (id >= interfaces) {
            throw corrupt(at, "packet on interface " + id + " but the section defines " + interfaces);
        }
        int ifid = (int) id;
        if (caplen > MAX_CAPTURE_LENGTH) {
            throw corrupt(at, "record length " + caplen + " exceeds the " + MAX_CAPTURE_LENGTH + "-byte limit");
        }
        if (caplen > origlen) {
            throw corrupt(at, "record length " + caplen + " exceeds original length " + origlen);
        }
        if (caplen > length - dataOffset - 4) {
            throw corrupt(at, "record length " + caplen + " overruns its " + length + "-byte block");
        }
        checkLinkType(ifid, at);
        long nanos = toNanos(ts, tsresols[ifid]) + tsoffsetNanos[ifid];
        return deliver(handler, b, i + dataOffset, (int) Math.min(caplen, snaplens[ifid]),
                (int) Math.min(origlen, Integer.MAX_VALUE), linkTypes[ifid], nanos, ifid);
    }

    private void checkLinkType(int ifid, long at) throws CaptureException {
        int lt = linkTypes[ifid];
        if (!LinkType.isSupported(lt)) {
            throw new CaptureException(file.name() + ": offset " + at + ": unsupported link type " + lt
                    + " (interface " + ifid + ")");
        }
    }

    /**
     * Converts a timestamp in units of {@code if_tsresol} to nanoseconds: {@code 10^-n} when the
     * high bit is clear, {@code 2^-n} when set (n checked: at most 18 resp. 63).
     */
    static long toNanos(long ts, int tsresol) {
        int n = tsresol & 0x7F;
        if ((tsresol & 0x80) == 0) {
            return n <= 9 ? ts * POW10[9 - n] : Long.divideUnsigned(ts, POW10[n - 9]);
        }
        if (n == 0) {
            return ts * 1_000_000_000L;
        }
        long seconds = ts >>> n;
        long fraction = ts & ((1L << n) - 1);
        // fraction * 1e9 / 2^n with a 128-bit product.
        long lo = fraction * 1_000_000_000L;
        long hi = Math.multiplyHigh(fraction, 1_000_000_000L);
        long fractionNanos = (hi << (64 - n)) | (lo >>> n);
        return seconds * 1_000_000_000L + fractionNanos;
    }
}
