package dev.rampart.engine.stream;

/**
 * One direction of a TCP session, named after its sender: sequence tracking, the receiver-side
 * window that bounds it, and its stored segments with two delivery progress pointers (app layer
 * and raw inspection) kept apart, as Suricata does. Stream offsets are 64-bit, 0 = first byte
 * after the SYN (or the first byte seen when picked up midstream).
 */
public final class TcpStream {
    static final int FLAG_WSCALE_SEEN = 1;
    static final int FLAG_DEPTH_REACHED = 2;
    /** Deliver everything, holes become gaps: the session ended (RST, flow end). */
    static final int FLAG_FLUSH = 4;
    static final int FLAG_SYN_DATA = 8;
    static final int FLAG_ACK_SEEN = 16;
    /** This side received an accepted RST (Suricata's RST_RECV), see suspected RST injection. */
    static final int FLAG_RST_RECV = 32;
    static final int FLAG_FIN_SEEN = 64;
    static final int FLAG_TS_SEEN = 128;
    /** The app-layer consumer was told this direction ended. */
    static final int FLAG_APP_EOF = 256;

    public int isn;
    /** Next sequence number expected from this sender. */
    public int nextSeq;
    /** Highest ACK the peer sent for this sender's data. */
    public int lastAck;
    /** Right edge of the window the peer allows: lastAck + peer's advertised window. */
    public int nextWin;
    /** Receive window this side advertises (scaled). */
    public int window;
    public int wscale;
    public int mss;
    /** Sequence number of this side's FIN (valid with FLAG_FIN_SEEN). */
    int finSeq;
    /** Latest TCP timestamp value this side sent (valid with FLAG_TS_SEEN). */
    int lastTs;
    int flags;
    public OsPolicy policy = OsPolicy.BSD;

    /** Sequence number that maps to {@link #baseOffset} (re-anchored as the stream moves). */
    int baseSeq;
    long baseOffset;

    TcpSegment head;
    TcpSegment tail;
    int segments;
    /** Reassembly depth of this direction, -1 = the configured {@code stream.reassembly.depth}. */
    long depth = -1;
    /** Longest stored segment so far (bounds the backward search for overlaps). */
    int maxSegmentLength;
    long appProgress;
    long rawProgress;
    /** Offsets below this are no longer stored (already delivered to both consumers). */
    long leftEdge;

    void init(int isn, OsPolicy policy) {
        this.isn = isn;
        this.nextSeq = isn + 1;
        this.lastAck = isn + 1;
        this.nextWin = isn + 1;
        this.baseSeq = isn + 1;
        this.baseOffset = 0;
        this.policy = policy;
    }

    /** Stream offset of a sequence number (valid within 2 GiB of the anchor). */
    public long offsetOf(int seq) {
        return baseOffset + (seq - baseSeq);
    }

    /** Re-anchors the seq/offset mapping at {@code seq} so later differences stay small. */
    void anchor(int seq) {
        long off = offsetOf(seq);
        baseSeq = seq;
        baseOffset = off;
    }

    public long appProgress() {
        return appProgress;
    }

    public long rawProgress() {
        return rawProgress;
    }

    public int storedSegments() {
        return segments;
    }

    /**
     * Overrides the reassembly depth of this direction (0 = unlimited), as an app-layer parser
     * does with its own {@code stream-depth} (Suricata's SMB default is unlimited).
     */
    public void setDepth(long depth) {
        this.depth = depth;
    }

    /**
     * Finds the run of contiguous stored bytes that covers all of {@code [from, to)} (stored
     * segments may overlap; they agree on overlapping bytes). Writes its start and end offsets to
     * {@code out[0..1]} and returns true, or false when part of the range is not stored.
     */
    public boolean contiguousRun(long from, long to, long[] out) {
        long runStart = -1;
        long runEnd = -1;
        for (TcpSegment s = head; s != null; s = s.next) {
            if (runEnd >= 0 && s.offset <= runEnd) {
                runEnd = Math.max(runEnd, s.end());
                continue;
            }
            if (runEnd >= 0 && runStart <= from && runEnd >= to) {
                break;
            }
            if (s.offset > from) {
                return false;
            }
            runStart = s.offset;
            runEnd = s.end();
        }
        if (runEnd < 0 || runStart > from || runEnd < to) {
            return false;
        }
        out[0] = runStart;
        out[1] = runEnd;
        return true;
    }

    /** End of the stored bytes that follow {@code from} without a hole (from itself when none do). */
    long contiguousEnd(long from) {
        long end = from;
        for (TcpSegment seg = head; seg != null; seg = seg.next) {
            if (seg.offset > end) {
                break;
            }
            end = Math.max(end, seg.end());
        }
        return end;
    }

    /** Copies stored bytes {@code [from, from+len)}, which must be contiguous (see {@link #contiguousRun}). */
    public void copyStored(long from, byte[] dst, int dstOff, int len) {
        long end = from + len;
        for (TcpSegment s = head; s != null && from < end; s = s.next) {
            if (s.end() <= from || s.offset > from) {
                continue;
            }
            int n = (int) (Math.min(s.end(), end) - from);
            System.arraycopy(s.data, (int) (from - s.offset), dst, dstOff, n);
            dstOff += n;
            from += n;
        }
    }

    public boolean depthReached() {
        return (flags & FLAG_DEPTH_REACHED) != 0;
    }

    void reset() {
        isn = nextSeq = lastAck = nextWin = window = wscale = mss = 0;
        finSeq = lastTs = 0;
        flags = 0;
        policy = OsPolicy.BSD;
        baseSeq = 0;
        baseOffset = 0;
        head = tail = null;
        segments = 0;
        depth = -1;
        maxSegmentLength = 0;
        appProgress = rawProgress = leftEdge = 0;
    }
}
