package dev.rampart.engine.stream;

import dev.rampart.engine.flow.Flow;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Segment storage and in-order delivery for TCP streams of one worker. New data is copied into a
 * scratch buffer, overlaps with stored segments are resolved there by the receiving host's
 * {@link OsPolicy} (and the result written back over the stored copies, so overlapping segments
 * agree), then it is stored in pooled segments. Delivery walks the sorted list from each
 * consumer's progress pointer up to a limit (acknowledged data, or everything when flushing);
 * missing data below the limit is reported as a gap and skipped.
 */
public final class TcpReassembler {
    private final StreamConfig config;
    private final StreamCounters counters;
    private final SegmentPool pool;
    private final byte[] scratch = new byte[65536];
    private StreamConsumer app;
    private StreamConsumer raw;
    /** Events raised since the owner last cleared them (bits of {@link StreamEvent}). */
    long events;

    public TcpReassembler(StreamConfig config, StreamCounters counters, StreamConsumer app, StreamConsumer raw) {
        this.config = config;
        this.counters = counters;
        this.pool = new SegmentPool(config.segmentSize, config.reassemblyMemcap);
        this.app = app;
        this.raw = raw;
    }

    public void setConsumers(StreamConsumer app, StreamConsumer raw) {
        this.app = app;
        this.raw = raw;
    }

    public int segmentsInUse() {
        return pool.inUse();
    }

    public int segmentsCreated() {
        return pool.created();
    }

    /** Segment memory in use (capacity plus overhead), bounded by the reassembly memcap. */
    public long segmentMemuse() {
        return pool.memuse();
    }

    /** Segment memory allocated so far, in use or pooled. */
    public long segmentMemoryCreated() {
        return pool.createdBytes();
    }

    private void event(StreamEvent e) {
        events |= e.bit();
        counters.events[e.ordinal()]++;
    }

    /** Stores {@code len} payload bytes at absolute buffer index {@code pos} as stream offset {@code offset}. */
    public boolean insert(TcpStream st, long offset, ByteBuffer buf, int pos, int len) {
        if (len <= 0) {
            return true;
        }
        len = Math.min(len, Math.min(scratch.length, pool.largestCapacity()));
        if (appendsInOrder(st, offset, len)) {
            // the common case: past everything stored, inside the depth: nothing to resolve, so
            // the bytes go straight into their segment instead of through the scratch buffer
            TcpSegment seg = pool.acquire(len);
            if (seg == null) {
                counters.segmentMemcapDrop++;
                counters.insertDataNormalFail++;
                return false;
            }
            seg.offset = offset;
            seg.length = len;
            buf.get(pos, seg.data, 0, len);
            store(st, st.tail, seg);
            return true;
        }
        buf.get(pos, scratch, 0, len);
        return insertScratch(st, offset, len);
    }

    /**
     * True when {@code [s, s + len)} starts at or after the end of the last stored segment (so
     * it overlaps nothing: segments are sorted by offset), at or past the left edge, and ends
     * within a depth not reached yet: {@link #insertScratch} would find no overlap and refuse nothing.
     */
    private boolean appendsInOrder(TcpStream st, long s, int len) {
        if (s < st.leftEdge) {
            return false;
        }
        long depth = st.depth < 0 ? config.depth : st.depth;
        if (depth > 0 && (s + len > depth || (st.flags & TcpStream.FLAG_DEPTH_REACHED) != 0)) {
            return false; // insertScratch refuses it (the depth rule lives there)
        }
        TcpSegment tail = st.tail;
        return tail == null ? st.head == null : tail.end() <= s && tail.offset < s;
    }

    /** Stores {@code len} bytes of {@code src} at stream offset {@code offset}. */
    public boolean insert(TcpStream st, long offset, byte[] src, int srcOff, int len) {
        if (len <= 0) {
            return true;
        }
        len = Math.min(len, Math.min(scratch.length, pool.largestCapacity()));
        System.arraycopy(src, srcOff, scratch, 0, len);
        return insertScratch(st, offset, len);
    }

    private boolean insertScratch(TcpStream st, long s, int len) {
        long e = s + len;
        final long depth = st.depth < 0 ? config.depth : st.depth;
        if (depth > 0 && (e > depth || (st.flags & TcpStream.FLAG_DEPTH_REACHED) != 0)) {
            // Suricata's StreamTcpReassembleCheckDepth: a segment that would end past the depth is
            // refused whole (the bytes it has below the depth too), and from then on every segment
            if ((st.flags & TcpStream.FLAG_DEPTH_REACHED) == 0) {
                st.flags |= TcpStream.FLAG_DEPTH_REACHED;
                counters.streamDepthReached++;
                event(StreamEvent.REASSEMBLY_DEPTH_REACHED);
            }
            return false;
        }
        if (e <= st.leftEdge) {
            event(StreamEvent.REASSEMBLY_SEGMENT_BEFORE_BASE_SEQ);
            return false;
        }
        int dataStart = 0;
        if (s < st.leftEdge) {
            dataStart = (int) (st.leftEdge - s);
            s = st.leftEdge;
        }
        if (dataStart > 0) {
            System.arraycopy(scratch, dataStart, scratch, 0, (int) (e - s));
        }
        final int n = (int) (e - s);

        // last stored segment ordered before (s, n): list order is (offset, length)
        TcpSegment after = st.tail;
        while (after != null && (after.offset > s || (after.offset == s && after.length > n))) {
            after = after.prev;
        }
        TcpSegment next = after == null ? st.head : after.next;
        TcpSegment dup = after != null && after.offset == s && after.length == n ? after : null;
        // Suricata decides "overlap" from the immediate neighbours only (CheckOverlap)
        boolean overlapped = dup != null
                || (after != null && (after.offset == s || after.end() > s))
                || (next != null && (next.offset == s || e > next.offset));
        if (overlapped) {
            counters.overlap++;
            boolean different = false;
            OsPolicy policy = st.policy;
            // backwards until a segment ends before the new one starts, then forwards until one
            // starts after it ends (Suricata's DoHandleDataCheckBackwards/Forward)
            for (TcpSegment o = after; o != null && o.end() > s; o = o.prev) {
                different |= resolve(policy, o, s, e);
            }
            for (TcpSegment o = next; o != null && o.offset < e; o = o.next) {
                different |= resolve(policy, o, s, e);
            }
            if (different && config.checkOverlapDifferentData) {
                counters.overlapDiffData++;
                event(StreamEvent.REASSEMBLY_OVERLAP_DIFFERENT_DATA);
            }
        }
        // the resolved bytes replace the stored ones, as Suricata's stream buffer write does:
        // every stored segment covering part of [s, e) gets them, so overlaps stay consistent
        writeBackAll(st, after, next, s, e);
        if (dup != null) {
            return true;
        }
        TcpSegment seg = pool.acquire(n);
        if (seg == null) {
            counters.segmentMemcapDrop++;
            if (overlapped) {
                counters.insertDataOverlapFail++;
            } else {
                counters.insertDataNormalFail++;
            }
            return false;
        }
        seg.offset = s;
        seg.length = n;
        System.arraycopy(scratch, 0, seg.data, 0, n);
        store(st, after, seg);
        return true;
    }

    /** Links a filled segment after {@code after} (null: first) and counts it. */
    private void store(TcpStream st, TcpSegment after, TcpSegment seg) {
        link(st, after, seg);
        if (seg.length > st.maxSegmentLength) {
            st.maxSegmentLength = seg.length;
        }
        counters.segmentFromPool++;
        counters.reassemblyMemuse = pool.memuse();
    }

    private void writeBackAll(TcpStream st, TcpSegment after, TcpSegment next, long s, long e) {
        // a stored segment starting before s can reach into [s, e) only if it starts within
        // the longest stored segment length
        long reach = s - st.maxSegmentLength;
        for (TcpSegment o = after; o != null && o.offset >= reach; o = o.prev) {
            writeBack(o, s, e);
        }
        for (TcpSegment o = next; o != null && o.offset < e; o = o.next) {
            writeBack(o, s, e);
        }
    }

    /**
     * Applies the overlap policy between the new data (scratch, range [s, e)) and stored segment
     * {@code o}: where the policy keeps the old bytes they are copied into scratch. Returns true
     * when the overlapping bytes differ.
     */
    private boolean resolve(OsPolicy policy, TcpSegment o, long s, long e) {
        long from = Math.max(s, o.offset);
        long to = Math.min(e, o.end());
        if (to <= from) {
            return false;
        }
        int a = (int) (from - s);
        int b = (int) (from - o.offset);
        int len = (int) (to - from);
        if (Arrays.mismatch(scratch, a, a + len, o.data, b, b + len) < 0) {
            return false;
        }
        if (!policy.useNewData(s, e, o.offset, o.end())) {
            System.arraycopy(o.data, b, scratch, a, len);
        }
        return true;
    }

    private void writeBack(TcpSegment o, long s, long e) {
        long from = Math.max(s, o.offset);
        long to = Math.min(e, o.end());
        if (to > from) {
            System.arraycopy(scratch, (int) (from - s), o.data, (int) (from - o.offset), (int) (to - from));
        }
    }

    private static void link(TcpStream st, TcpSegment prev, TcpSegment seg) {
        TcpSegment next = prev == null ? st.head : prev.next;
        seg.prev = prev;
        seg.next = next;
        if (prev == null) {
            st.head = seg;
        } else {
            prev.next = seg;
        }
        if (next == null) {
            st.tail = seg;
        } else {
            next.prev = seg;
        }
        st.segments++;
    }

    /**
     * Delivers stored bytes below {@code limit} (stream offset, exclusive) to the app-layer and raw
     * consumers from their own progress, then frees segments both have passed.
     */
    public void deliver(Flow flow, TcpStream st, boolean toServer, long limit) {
        deliver(flow, st, toServer, limit, limit);
    }

    /** As {@link #deliver(Flow, TcpStream, boolean, long)} with a separate limit for the app-layer consumer. */
    public void deliver(Flow flow, TcpStream st, boolean toServer, long appLimit, long limit) {
        if (st.appProgress < appLimit) {
            boolean reversed = flow.reversed;
            st.appProgress = deliverTo(app, flow, st, toServer, st.appProgress, appLimit, true);
            if (flow.reversed != reversed) {
                toServer = !toServer; // the app layer turned the flow around (midstream detection)
            }
            if (app != null) {
                app.onDeliveryEnd(flow, toServer);
            }
        }
        if (st.rawProgress < limit) {
            st.rawProgress = deliverTo(raw, flow, st, toServer, st.rawProgress, limit, false);
        }
        prune(st);
    }

    /** Tells the app-layer consumer, once, that the direction ended (call after {@link #deliver}). */
    public void endOfStream(Flow flow, TcpStream st, boolean toServer) {
        if ((st.flags & TcpStream.FLAG_APP_EOF) != 0) {
            return;
        }
        st.flags |= TcpStream.FLAG_APP_EOF;
        if (app != null) {
            app.onEnd(flow, toServer);
        }
    }

    private long deliverTo(StreamConsumer c, Flow flow, TcpStream st, boolean toServer, long pos, long limit,
                           boolean countGaps) {
        TcpSegment seg = st.head;
        while (seg != null && seg.end() <= pos) {
            seg = seg.next;
        }
        boolean reversed = flow.reversed;
        while (seg != null && pos < limit) {
            if (flow.reversed != reversed) {
                reversed = flow.reversed;
                toServer = !toServer; // the consumer turned the flow around
            }
            if (seg.offset > pos) {
                // hole: the peer acknowledged data we never saw (or the stream is being flushed)
                long gapEnd = Math.min(seg.offset, limit);
                // a gap only where the peer acknowledged past the hole's start (Suricata's CheckGap): a
                // flush of unacknowledged data after a RST, say, crosses its holes without the event
                if (countGaps && st.offsetOf(st.lastAck) > pos) {
                    counters.reassemblyGap++;
                    event(StreamEvent.REASSEMBLY_SEQ_GAP);
                }
                if (c != null) {
                    c.onGap(flow, toServer, pos, gapEnd - pos);
                }
                pos = gapEnd;
                continue;
            }
            long to = Math.min(seg.end(), limit);
            int n = (int) (to - pos);
            int took = c == null ? n : c.onData(flow, toServer, seg.data, (int) (pos - seg.offset), n, pos);
            if (took < 0) {
                took = 0;
            } else if (took > n) {
                took = n;
            }
            pos += took;
            if (took < n) {
                break;
            }
            while (seg != null && seg.end() <= pos) {
                seg = seg.next;
            }
        }
        return pos;
    }

    private void prune(TcpStream st) {
        long left = Math.min(st.appProgress, st.rawProgress);
        if (left > st.leftEdge) {
            st.leftEdge = left;
        }
        TcpSegment seg = st.head;
        while (seg != null && seg.end() <= st.leftEdge) {
            TcpSegment next = seg.next;
            pool.release(seg);
            st.segments--;
            seg = next;
        }
        st.head = seg;
        if (seg == null) {
            st.tail = null;
        } else {
            seg.prev = null;
        }
        counters.reassemblyMemuse = pool.memuse();
    }

    /**
     * Structural check for tests and fuzzing: the list is doubly linked and sorted by (offset,
     * length), its count is right, nothing stored lies below the left edge or past the depth.
     * Returns null when sound, else what is wrong.
     */
    public String checkInvariants(TcpStream st) {
        int n = 0;
        TcpSegment prev = null;
        for (TcpSegment s = st.head; s != null; s = s.next) {
            if (s.prev != prev) {
                return "broken prev link at " + s.offset;
            }
            if (s.length <= 0 || s.length > s.data.length) {
                return "bad length " + s.length;
            }
            if (prev != null && (prev.offset > s.offset || (prev.offset == s.offset && prev.length > s.length))) {
                return "unsorted at " + s.offset;
            }
            if (s.end() <= st.leftEdge && n == 0 && st.leftEdge > 0 && s.end() < Math.min(st.appProgress, st.rawProgress)) {
                return "segment below the left edge kept: " + s.offset;
            }
            long depth = st.depth < 0 ? config.depth : st.depth;
            if (depth > 0 && s.end() > depth) {
                return "segment past depth: " + s.end();
            }
            prev = s;
            if (++n > pool.created()) {
                return "cycle";
            }
        }
        if (prev != st.tail) {
            return "tail mismatch";
        }
        if (n != st.segments) {
            return "count " + n + " != " + st.segments;
        }
        return null;
    }

    /** Returns every stored segment of the stream to the pool. */
    public void release(TcpStream st) {
        TcpSegment seg = st.head;
        while (seg != null) {
            TcpSegment next = seg.next;
            pool.release(seg);
            seg = next;
        }
        st.head = st.tail = null;
        st.segments = 0;
        counters.reassemblyMemuse = pool.memuse();
    }
}
