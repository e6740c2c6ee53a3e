package dev.rampart.engine.applayer;

/**
 * App-layer frames of one flow (Suricata's Frames): per direction, the stretches of the stream a
 * parser marked as one unit (an HTTP/1 request or response; {@link #STREAM}, all of the direction),
 * as stream offsets and a length that stays -1 until the unit ends, plus the stream bytes kept
 * for their inspection. Offsets count every byte the parser was given and every gap, so they are
 * TCP stream offsets. Detection records how far it inspected each frame ({@link #progress}),
 * then {@link #prune}s: finished frames go, and bytes left of every live frame's inspection
 * point are dropped. Bounded: {@link #MAX_FRAMES} frames and {@link #MAX_BYTES} bytes per
 * direction, {@link #MAX_BLOCKS} gaps kept apart; beyond that the oldest go and are counted.
 * Storage grows to its bound once and is then reused: nothing is allocated per byte.
 */
public final class StreamFrames {
    /**
     * Frame types: the generic stream frame, HTTP/1's (Suricata's HttpFrameTypes), HTTP/2's
     * (Http2FrameType: a frame's 9-byte header, its payload, both).
     */
    public static final int STREAM = 0, HTTP1_REQUEST = 1, HTTP1_RESPONSE = 2, HTTP2_HDR = 3, HTTP2_DATA = 4,
            HTTP2_PDU = 5;
    /** One more than the highest type. */
    public static final int TYPES = 6;

    public static final int MAX_FRAMES = 32;
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_BLOCKS = 16;

    private final int typeMask;
    private final Side[] sides = {new Side(), new Side()};
    private long framesDropped;
    private long bytesDropped;

    /** @param typeMask bit per frame type to record ({@code 1 << STREAM} ...); others are not kept */
    public StreamFrames(int typeMask) {
        this.typeMask = typeMask;
    }

    private static final class Side {
        final int[] type = new int[MAX_FRAMES];
        final long[] serial = new long[MAX_FRAMES];
        final long[] id = new long[MAX_FRAMES];
        /** Suricata's next frame id: 1 is the stream frame's (FRAME_STREAM_ID), messages count from 2. */
        long nextId = 2;
        final long[] offset = new long[MAX_FRAMES];
        final long[] length = new long[MAX_FRAMES];
        final long[] txId = new long[MAX_FRAMES];
        final long[] progress = new long[MAX_FRAMES];
        int count;
        long nextSerial;
        boolean streamOpened;
        /** The direction ended with the TCP session's close (not at flow end). */
        boolean closed;
        /** Stream offset just past the last byte or gap given. */
        long end;
        byte[] buf = new byte[0];
        int bufLen;
        /** Block k: buf[blockPos[k], next block's pos or bufLen) holds stream bytes from blockAbs[k]. */
        final long[] blockAbs = new long[MAX_BLOCKS];
        final int[] blockPos = new int[MAX_BLOCKS];
        int blocks;
        /** Bytes appended next do not continue the last block (a gap came before them). */
        boolean gapBefore;

        void reset() {
            count = 0;
            nextSerial = 0;
            nextId = 2;
            streamOpened = false;
            closed = false;
            end = 0;
            bufLen = 0;
            blocks = 0;
            gapBefore = false;
        }
    }

    private Side side(boolean toServer) {
        return sides[toServer ? 0 : 1];
    }

    /** Forgets everything (the parser is reused for another flow); storage is kept. */
    public void reset() {
        sides[0].reset();
        sides[1].reset();
    }

    public boolean records(int type) {
        return (typeMask & (1 << type)) != 0;
    }

    /** Whether a recorded frame type can lie in this direction (requests go to the server, responses come back). */
    private boolean keepsBytes(boolean toServer) {
        return records(STREAM) || records(toServer ? HTTP1_REQUEST : HTTP1_RESPONSE) || records(HTTP2_HDR)
                || records(HTTP2_DATA) || records(HTTP2_PDU);
    }

    // ------------------------------------------------------------------ parser side

    /** In-order bytes given to the parser. */
    public void data(boolean toServer, byte[] d, int off, int len) {
        Side s = side(toServer);
        openStream(toServer, s);
        if (len <= 0) {
            return;
        }
        if (keepsBytes(toServer)) {
            append(s, s.end, d, off, len);
        }
        s.end += len;
    }

    /** {@code len} bytes of the direction are missing for good. */
    public void gap(boolean toServer, long len) {
        Side s = side(toServer);
        openStream(toServer, s);
        s.end += len;
        s.gapBefore = true;
    }

    private void openStream(boolean toServer, Side s) {
        if (!s.streamOpened) {
            s.streamOpened = true;
            if (records(STREAM)) {
                open(toServer, STREAM, s.end, -1);
            }
        }
    }

    /** The direction ended because the TCP session closed (Suricata's STREAM_EOF before flow end). */
    public void closed(boolean toServer) {
        side(toServer).closed = true;
    }

    /** Whether {@link #closed(boolean)} was called for the direction. */
    public boolean isClosed(boolean toServer) {
        return side(toServer).closed;
    }

    /**
     * A frame starts at stream offset {@code offset}; its length is unknown until {@link #close}.
     *
     * @return its serial for {@link #close}, or -1 when the type is not recorded
     */
    public long open(boolean toServer, int type, long offset, long txId) {
        if (!records(type)) {
            return -1;
        }
        Side s = side(toServer);
        if (s.count == MAX_FRAMES) {
            // the oldest frame other than the stream frame goes
            int victim = s.type[0] == STREAM && s.count > 1 ? 1 : 0;
            remove(s, victim);
            framesDropped++;
        }
        int i = s.count++;
        s.type[i] = type;
        s.serial[i] = s.nextSerial++;
        s.id[i] = type == STREAM ? 1 : s.nextId++;
        s.offset[i] = offset;
        s.length[i] = -1;
        s.txId[i] = txId;
        s.progress[i] = 0;
        return s.serial[i];
    }

    /** The frame with this serial ends at stream offset {@code end} (it may have been dropped). */
    public void close(boolean toServer, long serial, long end) {
        if (serial < 0) {
            return;
        }
        Side s = side(toServer);
        for (int i = 0; i < s.count; i++) {
            if (s.serial[i] == serial) {
                s.length[i] = Math.max(0, end - s.offset[i]);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ detection side

    public int count(boolean toServer) {
        return side(toServer).count;
    }

    public int type(boolean toServer, int i) {
        return side(toServer).type[i];
    }

    public long offset(boolean toServer, int i) {
        return side(toServer).offset[i];
    }

    /** The frame's length, or -1 while it is still open. */
    public long length(boolean toServer, int i) {
        return side(toServer).length[i];
    }

    /** Suricata's frame id: 1 for the stream frame, then 2, 3 ... per direction in the order messages opened. */
    public long id(boolean toServer, int i) {
        return side(toServer).id[i];
    }

    /** The transaction the frame belongs to, or -1 (the stream frame). */
    public long txId(boolean toServer, int i) {
        return side(toServer).txId[i];
    }

    /** Bytes of the frame (from its start) detection has inspected. */
    public long progress(boolean toServer, int i) {
        return side(toServer).progress[i];
    }

    public void progress(boolean toServer, int i, long inspected) {
        Side s = side(toServer);
        s.progress[i] = Math.max(s.progress[i], inspected);
    }

    /** Stream offset just past the last byte (or gap) of the direction: what a frame can use. */
    public long end(boolean toServer) {
        return side(toServer).end;
    }

    /**
     * The first kept run of bytes in {@code [from, to)}: {@code out} is set to it and its stream
     * offset returned; -1 when no kept byte lies there. Runs are split where bytes are missing.
     */
    public long chunk(boolean toServer, long from, long to, Slice out) {
        Side s = side(toServer);
        for (int k = 0; k < s.blocks; k++) {
            long a = s.blockAbs[k];
            int pos = s.blockPos[k];
            int next = k + 1 < s.blocks ? s.blockPos[k + 1] : s.bufLen;
            long b = a + (next - pos);
            if (b <= from) {
                continue;
            }
            if (a >= to) {
                return -1;
            }
            long start = Math.max(a, from);
            long stop = Math.min(b, to);
            out.set(s.buf, pos + (int) (start - a), (int) (stop - start));
            return start;
        }
        return -1;
    }

    /**
     * Detection is done with this direction for now: frames that ended and were inspected to
     * their end go, and bytes left of every remaining frame's next inspection point are dropped.
     */
    public void prune(boolean toServer) {
        Side s = side(toServer);
        for (int i = s.count - 1; i >= 0; i--) {
            if (s.length[i] >= 0 && s.progress[i] >= s.length[i]) {
                remove(s, i);
            }
        }
        trim(s, leftEdge(s));
    }

    /**
     * Stream offset of the oldest byte a frame of the direction still needs (its next inspection
     * point), or the end when none: where Suricata's stream buffer starts while frames hold it.
     */
    public long leftEdge(boolean toServer) {
        return leftEdge(side(toServer));
    }

    private static long leftEdge(Side s) {
        long edge = s.end;
        for (int i = 0; i < s.count; i++) {
            edge = Math.min(edge, s.offset[i] + s.progress[i]);
        }
        return edge;
    }

    private static void remove(Side s, int i) {
        int n = s.count - i - 1;
        System.arraycopy(s.type, i + 1, s.type, i, n);
        System.arraycopy(s.serial, i + 1, s.serial, i, n);
        System.arraycopy(s.id, i + 1, s.id, i, n);
        System.arraycopy(s.offset, i + 1, s.offset, i, n);
        System.arraycopy(s.length, i + 1, s.length, i, n);
        System.arraycopy(s.txId, i + 1, s.txId, i, n);
        System.arraycopy(s.progress, i + 1, s.progress, i, n);
        s.count--;
    }

    public long framesDropped() {
        return framesDropped;
    }

    public long bytesDropped() {
        return bytesDropped;
    }

    /** Bytes kept for one direction (for tests and the bound). */
    public int bytesKept(boolean toServer) {
        return side(toServer).bufLen;
    }

    // ------------------------------------------------------------------ byte storage

    /** Keeps {@code d[off, off+len)}, which sit at stream offset {@code at}. */
    private void append(Side s, long at, byte[] d, int off, int len) {
        if (len >= MAX_BYTES) {
            // only the newest bytes can be kept
            int skip = len - MAX_BYTES;
            bytesDropped += s.bufLen + skip;
            trimBytes(s, s.bufLen, s.blocks);
            s.gapBefore = true;
            at += skip;
            off += skip;
            len = MAX_BYTES;
        } else if (s.bufLen + len > s.buf.length) {
            trim(s, leftEdge(s));
            if (s.bufLen + len > MAX_BYTES) {
                // over the bound: the oldest bytes go, frames over them inspect what is left
                dropOldest(s, s.bufLen + len - MAX_BYTES);
            }
        }
        if (s.bufLen + len > s.buf.length) {
            int cap = Math.max(4096, s.buf.length * 2);
            while (cap < s.bufLen + len) {
                cap *= 2;
            }
            byte[] n = new byte[Math.min(cap, MAX_BYTES)];
            System.arraycopy(s.buf, 0, n, 0, s.bufLen);
            s.buf = n;
        }
        boolean continues = s.blocks > 0 && !s.gapBefore;
        if (!continues) {
            if (s.blocks == MAX_BLOCKS) {
                // too many gaps kept apart: the oldest block goes
                int next = s.blockPos[1];
                bytesDropped += next;
                trimBytes(s, next, 1);
            }
            s.blockAbs[s.blocks] = at;
            s.blockPos[s.blocks] = s.bufLen;
            s.blocks++;
        }
        s.gapBefore = false;
        System.arraycopy(d, off, s.buf, s.bufLen, len);
        s.bufLen += len;
    }

    /** Drops the oldest {@code n} kept bytes. */
    private void dropOldest(Side s, int n) {
        int k = 0;
        while (k < s.blocks) {
            int next = k + 1 < s.blocks ? s.blockPos[k + 1] : s.bufLen;
            if (next >= n) {
                break;
            }
            k++;
        }
        long edge = k < s.blocks ? s.blockAbs[k] + (n - s.blockPos[k]) : Long.MAX_VALUE;
        bytesDropped += n;
        trim(s, edge);
    }

    /** Drops kept bytes below stream offset {@code edge}. */
    private static void trim(Side s, long edge) {
        int dropBlocks = 0;
        int dropBytes = 0;
        for (int k = 0; k < s.blocks; k++) {
            int pos = s.blockPos[k];
            int next = k + 1 < s.blocks ? s.blockPos[k + 1] : s.bufLen;
            long a = s.blockAbs[k];
            long b = a + (next - pos);
            if (b <= edge) {
                dropBlocks++;
                dropBytes = next;
                continue;
            }
            if (a < edge) {
                int cut = (int) (edge - a);
                dropBytes = pos + cut;
                s.blockAbs[k] = edge;
                s.blockPos[k] = pos + cut;
            }
            break;
        }
        if (dropBytes > 0 || dropBlocks > 0) {
            trimBytes(s, dropBytes, dropBlocks);
        }
    }

    /** Removes the first {@code bytes} stored bytes and the first {@code blocks} blocks. */
    private static void trimBytes(Side s, int bytes, int blocks) {
        System.arraycopy(s.buf, bytes, s.buf, 0, s.bufLen - bytes);
        s.bufLen -= bytes;
        int kept = s.blocks - blocks;
        System.arraycopy(s.blockAbs, blocks, s.blockAbs, 0, kept);
        System.arraycopy(s.blockPos, blocks, s.blockPos, 0, kept);
        s.blocks = kept;
        for (int k = 0; k < kept; k++) {
            s.blockPos[k] -= bytes;
        }
        if (kept == 0) {
            s.bufLen = 0;
        }
    }
}
