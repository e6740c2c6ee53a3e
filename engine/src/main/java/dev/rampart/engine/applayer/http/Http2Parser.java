package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.StreamFrames;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/2 (RFC 9113) connection parser with Suricata 7's transaction model: the client preface is
 * skipped, each direction is cut into frames (9-byte header, payload buffered whole up to
 * {@link #MAX_HANDLED_FRAME}), a frame goes to the transaction of its stream (created on first
 * use; PUSH_PROMISE to the promised stream's; every stream 0 frame to a new transaction of its
 * own) and moves the stream's state. Header blocks are HPACK-decoded per direction; the fields
 * build the {@link HttpTx} buffers detection reads as for HTTP/1 ({@link Http2Messages}); DATA
 * frames are the side's body. An empty SETTINGS frame (an acknowledgement) makes no transaction.
 */
public final class Http2Parser {
    public static final int FRAME_HEADER = 9;
    /** Suricata's HTTP2_MAX_HANDLED_FRAME_SIZE: a longer frame is handled from what it has and skipped. */
    static final int MAX_HANDLED_FRAME = 65536;
    static final byte[] PREFACE = HttpBytes.ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    /** Suricata's app-layer.protocols.http2.max-streams default. */
    static final int MAX_STREAMS = 4096;

    public static final int DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4,
            PUSH_PROMISE = 5, PING = 6, GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9;
    static final int FLAG_END_STREAM = 0x1, FLAG_END_HEADERS = 0x4, FLAG_PADDED = 0x8, FLAG_PRIORITY = 0x20;
    static final int SETTINGS_HEADER_TABLE_SIZE = 1;
    /** Suricata's FILEDATA_CONTENT_INSPECT_MIN_SIZE. */
    static final int FILE_DATA_MIN_INSPECT = 32 * 1024;

    private final HttpConfig cfg;
    /** Header decoders: [0] the client's blocks (to server), [1] the server's. */
    private final Hpack[] hpack = {new Hpack(), new Hpack()};
    private final List<HttpTx> txs = new ArrayList<>();
    private final ArrayList<HttpTx> spare = new ArrayList<>();
    private long nextTxId;

    private int magicSeen; // preface bytes matched so far; PREFACE.length when done
    private boolean magicDone;
    /** Per direction: frame header bytes, the payload being gathered, bytes of a long frame to skip. */
    private final byte[][] header = {new byte[FRAME_HEADER], new byte[FRAME_HEADER]};
    private final int[] headerLen = new int[2];
    private final byte[][] payload = {new byte[1024], new byte[1024]};
    private final int[] payloadLen = new int[2];
    private final int[] payloadWant = new int[2];
    private final long[] skip = new long[2];
    private final boolean[] stopped = new boolean[2];
    private long frameCount;
    private long errors;
    /** Set while building a side's buffers from one decoded block. */
    private final FieldSink sink = new FieldSink();

    public Http2Parser(HttpConfig cfg) {
        this.cfg = cfg;
        int h2 = cfg.frameTypes & (1 << StreamFrames.STREAM | 1 << StreamFrames.HTTP2_HDR | 1 << StreamFrames.HTTP2_DATA
                | 1 << StreamFrames.HTTP2_PDU);
        this.frames = h2 != 0 ? new StreamFrames(h2) : null;
    }

    /** The flow's frames when rules inspect HTTP/2 frames, else null. */
    private final StreamFrames frames;
    /** Stream offset per direction: every byte given (the preface included). */
    private final long[] streamOffset = new long[2];

    public StreamFrames frames() {
        return frames;
    }

    /**
     * The frame whose header just completed at stream offset {@code at}: its header, payload and
     * whole extent as app-layer frames (Suricata's http2.hdr, http2.data, http2.pdu).
     */
    private void recordFrame(boolean toServer, long at, int length) {
        long h = frames.open(toServer, StreamFrames.HTTP2_HDR, at, -1);
        frames.close(toServer, h, at + FRAME_HEADER);
        if (length > 0) {
            long dt = frames.open(toServer, StreamFrames.HTTP2_DATA, at + FRAME_HEADER, -1);
            frames.close(toServer, dt, at + FRAME_HEADER + length);
        }
        long pdu = frames.open(toServer, StreamFrames.HTTP2_PDU, at, -1);
        frames.close(toServer, pdu, at + FRAME_HEADER + length);
    }

    public int txCount() {
        return txs.size();
    }

    public HttpTx tx(int i) {
        return txs.get(i);
    }

    public long txOpened() {
        return nextTxId;
    }

    /** Frames read so far (both directions). */
    public long frameCount() {
        return frameCount;
    }

    /** Frames or prefaces the parser could not read (each counted once). */
    public long errors() {
        return errors;
    }

    public void onData(boolean toServer, byte[] b, int off, int len) {
        int d = toServer ? 0 : 1;
        if (frames != null) {
            frames.data(toServer, b, off, len);
        }
        long base = streamOffset[d] - off; // stream offset of b[0]
        streamOffset[d] += len;
        if (stopped[d]) {
            return;
        }
        int end = off + len;
        if (toServer && !magicDone) {
            while (off < end && magicSeen < PREFACE.length) {
                if (b[off] != PREFACE[magicSeen]) {
                    // Suricata: not the preface; the bytes are read as frames from here
                    event(Http2Event.INVALID_CLIENT_MAGIC);
                    magicDone = true;
                    break;
                }
                off++;
                magicSeen++;
            }
            if (magicSeen == PREFACE.length) {
                magicDone = true;
            }
            if (!magicDone) {
                return;
            }
        }
        while (off < end) {
            if (skip[d] > 0) {
                int n = (int) Math.min(skip[d], end - off);
                skip[d] -= n;
                off += n;
                continue;
            }
            if (headerLen[d] < FRAME_HEADER) {
                int n = Math.min(FRAME_HEADER - headerLen[d], end - off);
                System.arraycopy(b, off, header[d], headerLen[d], n);
                headerLen[d] += n;
                off += n;
                if (headerLen[d] < FRAME_HEADER) {
                    return;
                }
                byte[] h = header[d];
                int length = (h[0] & 0xff) << 16 | (h[1] & 0xff) << 8 | (h[2] & 0xff);
                if (frames != null) {
                    recordFrame(toServer, base + off - FRAME_HEADER, length);
                }
                payloadWant[d] = Math.min(length, MAX_HANDLED_FRAME);
                payloadLen[d] = 0;
                if (payload[d].length < payloadWant[d]) {
                    payload[d] = new byte[Math.max(payloadWant[d], payload[d].length * 2)];
                }
                if (length > MAX_HANDLED_FRAME) {
                    skip[d] = length - MAX_HANDLED_FRAME; // after the handled part
                }
            }
            int n = Math.min(payloadWant[d] - payloadLen[d], end - off);
            System.arraycopy(b, off, payload[d], payloadLen[d], n);
            payloadLen[d] += n;
            off += n;
            if (payloadLen[d] == payloadWant[d]) {
                headerLen[d] = 0;
                frame(toServer, header[d], payload[d], payloadLen[d], skip[d] > 0);
            }
        }
    }

    public void onGap(boolean toServer, long len) {
        if (frames != null) {
            frames.gap(toServer, len);
        }
        streamOffset[toServer ? 0 : 1] += len;
        // frames cannot be found again after a gap (no resynchronisation, as Suricata)
        stopped[toServer ? 0 : 1] = true;
    }

    public void onEnd(boolean toServer) {
        if (frames != null) {
            frames.closed(toServer);
        }
    }

    private void frame(boolean toServer, byte[] h, byte[] p, int len, boolean truncated) {
        frameCount++;
        int length = (h[0] & 0xff) << 16 | (h[1] & 0xff) << 8 | (h[2] & 0xff);
        int type = h[3] & 0xff;
        int flags = h[4] & 0xff;
        int streamId = (h[5] & 0x7f) << 24 | (h[6] & 0xff) << 16 | (h[7] & 0xff) << 8 | (h[8] & 0xff);
        if (type == SETTINGS && length == 0) {
            return; // an acknowledgement: Suricata makes no transaction of it
        }
        int d = toServer ? 0 : 1;
        // the stream the frame belongs to (a promise: the promised stream)
        int sid = streamId;
        int payloadStart = 0;
        int payloadEnd = len;
        boolean padded = (flags & FLAG_PADDED) != 0 && (type == DATA || type == HEADERS || type == PUSH_PROMISE);
        if (padded) {
            if (len < 1 || (p[0] & 0xff) >= len) {
                payloadEnd = len; // Suricata keeps such a frame's bytes as they are
            } else {
                payloadStart = 1;
                payloadEnd = len - (p[0] & 0xff);
            }
        }
        int promised = -1;
        if (type == PUSH_PROMISE) {
            if (payloadEnd - payloadStart < 4) {
                event(Http2Event.INVALID_FRAME_DATA);
            } else {
                promised = int31(p, payloadStart);
                sid = promised;
                payloadStart += 4;
            }
        } else if (type == CONTINUATION && !toServer) {
            HttpTx parent = find(streamId);
            if (parent != null && parent.h2.childStreamId > 0) {
                sid = parent.h2.childStreamId;
            }
        }
        if (streamId == 0 && txs.size() >= MAX_STREAMS) {
            event(Http2Event.TOO_MANY_STREAMS); // a flood of stream 0 frames before detection released any
            return;
        }
        HttpTx tx = streamId == 0 ? newTx(0, Http2Stream.GLOBAL) : findOrCreate(sid, type);
        if (tx == null) {
            return; // too many streams
        }
        Http2Stream s = tx.h2;
        Http2Stream.Side side = s.sides[d];
        if (type < 64) {
            side.frameTypes |= 1L << type;
        }
        switch (type) {
            case HEADERS -> {
                if ((flags & FLAG_PRIORITY) != 0) {
                    if (payloadEnd - payloadStart < 5) {
                        event(Http2Event.INVALID_FRAME_DATA);
                        break;
                    }
                    side.priorities.add(p[payloadStart + 4] & 0xff);
                    payloadStart += 5;
                }
                headerBlock(tx, d, p, payloadStart, payloadEnd, (flags & FLAG_END_HEADERS) != 0, truncated);
                if (!toServer) {
                    s.childStreamId = 0;
                }
            }
            case CONTINUATION -> {
                headerBlock(tx, d, p, payloadStart, payloadEnd, (flags & FLAG_END_HEADERS) != 0, truncated);
                if (!toServer && (flags & FLAG_END_HEADERS) != 0) {
                    HttpTx parent = find(streamId);
                    if (parent != null) {
                        parent.h2.childStreamId = 0;
                    }
                }
            }
            case PUSH_PROMISE -> {
                if (promised >= 0) {
                    if (!toServer) {
                        HttpTx parent = find(streamId);
                        if (parent != null && (flags & FLAG_END_HEADERS) == 0) {
                            parent.h2.childStreamId = promised;
                        }
                        s.state = Http2Stream.RESERVED;
                    }
                    headerBlock(tx, d, p, payloadStart, payloadEnd, (flags & FLAG_END_HEADERS) != 0, truncated);
                }
            }
            case DATA -> {
                HttpMessage m = toServer ? tx.request : tx.response;
                m.bodyWire += payloadEnd - payloadStart;
                int limit = toServer ? cfg.requestBodyLimit : cfg.responseBodyLimit;
                HttpBodyDecoder dec = s.decoders[d];
                if (dec == null || dec.kind() == HttpBodyDecoder.NONE) {
                    m.appendBody(p, payloadStart, payloadEnd - payloadStart, limit);
                } else {
                    dec.decode(p, payloadStart, payloadEnd - payloadStart, m, limit, tx, cfg);
                    if (tx.hasEvent(HttpEvent.GZIP_DECOMPRESSION_FAILED)) {
                        event(tx, Http2Event.FAILED_DECOMPRESSION);
                    }
                }
                if (toServer) {
                    tx.requestProgress = Math.max(tx.requestProgress, HttpTx.PROGRESS_BODY);
                } else {
                    tx.responseProgress = Math.max(tx.responseProgress, HttpTx.PROGRESS_BODY);
                }
            }
            case SETTINGS -> {
                if (len % 6 != 0) {
                    event(Http2Event.INVALID_FRAME_DATA);
                }
                settings(side, d, p, len);
            }
            case RST_STREAM -> {
                if (len != 4) {
                    event(Http2Event.INVALID_FRAME_LENGTH);
                } else {
                    side.errorCodes.add(int32(p, 0));
                }
                s.childStreamId = 0;
            }
            case GOAWAY -> {
                if (len < 8) {
                    event(Http2Event.INVALID_FRAME_LENGTH);
                } else {
                    side.errorCodes.add(int32(p, 4));
                }
            }
            case PRIORITY -> {
                if (len != 5) {
                    event(Http2Event.INVALID_FRAME_LENGTH);
                } else {
                    side.priorities.add(p[4] & 0xff);
                }
            }
            case WINDOW_UPDATE -> {
                if (len != 4) {
                    event(Http2Event.INVALID_FRAME_LENGTH);
                } else {
                    side.windows.add(int31(p, 0));
                }
            }
            default -> {
                // PING and unknown types: only the frame type is kept
            }
        }
        if (truncated) {
            event(Http2Event.LONG_FRAME_DATA);
        }
        if (type == HEADERS || type == DATA) {
            streamState(tx, toServer, type, flags);
        }
    }

    /** Suricata's HTTP2Transaction::handle_frame state changes for HEADERS and DATA. */
    private static void streamState(HttpTx tx, boolean toServer, int type, int flags) {
        Http2Stream s = tx.h2;
        if ((flags & FLAG_END_STREAM) != 0) {
            switch (s.state) {
                case Http2Stream.HALF_CLOSED_CLIENT, Http2Stream.DATA_SERVER -> {
                    if (!toServer) {
                        s.state = Http2Stream.CLOSED;
                    }
                }
                case Http2Stream.HALF_CLOSED_SERVER -> {
                    if (toServer) {
                        s.state = Http2Stream.CLOSED;
                    }
                }
                case Http2Stream.CLOSED, Http2Stream.GLOBAL -> {
                }
                default -> s.state = toServer ? Http2Stream.HALF_CLOSED_CLIENT : Http2Stream.HALF_CLOSED_SERVER;
            }
            if (toServer) {
                tx.requestProgress = HttpTx.PROGRESS_COMPLETE;
            } else {
                tx.responseProgress = HttpTx.PROGRESS_COMPLETE;
            }
        } else if (type == DATA) {
            int data = toServer ? Http2Stream.DATA_CLIENT : Http2Stream.DATA_SERVER;
            if (s.state < data) {
                s.state = data;
            }
        }
        if (s.state >= Http2Stream.CLOSED) {
            tx.requestProgress = tx.responseProgress = HttpTx.PROGRESS_COMPLETE;
        }
    }

    /**
     * Bounds of one side of a stream: a header block still open (CONTINUATIONs without END_HEADERS,
     * the "CONTINUATION flood") and the decoded fields of all its blocks. Past them the block is
     * decoded as it is and the fragments or fields beyond are dropped, with invalid_header.
     */
    static final int MAX_BLOCK_BYTES = 256 * 1024;
    static final int MAX_FIELD_BYTES = 256 * 1024;
    /** What a field counts against {@link #MAX_FIELD_BYTES} besides its name and value. */
    static final int FIELD_OVERHEAD = 32;

    private void headerBlock(HttpTx tx, int d, byte[] p, int from, int to, boolean endHeaders, boolean truncated) {
        Http2Stream.Side side = tx.h2.sides[d];
        int n = Math.max(0, to - from);
        if (side.fragmentLen + n > MAX_BLOCK_BYTES) {
            event(tx, Http2Event.INVALID_HEADER);
            n = Math.max(0, Math.min(n, MAX_BLOCK_BYTES - side.fragmentLen));
            truncated = true;
        }
        side.appendFragment(p, from, n);
        if (!endHeaders && !truncated) {
            return;
        }
        sink.side = side;
        sink.dropped = false;
        int r = hpack[d].decode(side.fragment, 0, side.fragmentLen, sink);
        side.fragmentLen = 0;
        if (r == Hpack.ERROR || sink.dropped) {
            event(tx, Http2Event.INVALID_HEADER);
        }
        Http2Messages.build(tx, d == 0);
        startDecoder(tx, d);
        if (d == 0) {
            tx.requestProgress = Math.max(tx.requestProgress, HttpTx.PROGRESS_HEADERS);
        } else {
            tx.responseProgress = Math.max(tx.responseProgress, HttpTx.PROGRESS_HEADERS);
        }
    }

    private static final byte[] GZIP = HttpBytes.ascii("gzip");
    private static final byte[] DEFLATE = HttpBytes.ascii("deflate");

    /**
     * The side's body is decompressed by its content-encoding (gzip, deflate; Suricata 7 also
     * takes br), set by the first header block that names one, before any DATA.
     */
    private static void startDecoder(HttpTx tx, int d) {
        HttpMessage m = d == 0 ? tx.request : tx.response;
        Http2Stream s = tx.h2;
        if (m.bodyTotal > 0 || (s.decoders[d] != null && s.decoders[d].kind() != HttpBodyDecoder.NONE)) {
            return;
        }
        int ce = m.findHeader(HttpTx.CONTENT_ENCODING);
        if (ce < 0) {
            return;
        }
        int kind = HttpBytes.equalsIgnoreCase(m.work, m.fVal[ce], m.fValLen[ce], GZIP) ? HttpBodyDecoder.GZIP
                : HttpBytes.equalsIgnoreCase(m.work, m.fVal[ce], m.fValLen[ce], DEFLATE) ? HttpBodyDecoder.DEFLATE
                : HttpBodyDecoder.NONE;
        if (kind != HttpBodyDecoder.NONE) {
            if (s.decoders[d] == null) {
                s.decoders[d] = new HttpBodyDecoder();
            }
            s.decoders[d].start(kind);
        }
    }

    /** Collects decoded fields into the side of the stream. */
    private static final class FieldSink implements Hpack.Sink {
        Http2Stream.Side side;
        /** A field of the block did not fit the side's bound. */
        boolean dropped;

        @Override
        public void header(byte[] name, int nameOff, int nameLen, byte[] value, int valueOff, int valueLen) {
            // each field costs FIELD_OVERHEAD besides its bytes (as HPACK sizes table entries): empty
            // fields would otherwise grow the side's field arrays without bound
            if (side.bytesLen + (long) (side.fields + 1) * FIELD_OVERHEAD + nameLen + valueLen <= MAX_FIELD_BYTES) {
                side.addField(name, nameOff, nameLen, value, valueOff, valueLen);
            } else {
                dropped = true;
            }
        }

        @Override
        public void sizeUpdate(long size) {
            side.sizeUpdates.add((int) Math.min(size, Integer.MAX_VALUE));
        }
    }

    private HttpTx find(int sid) {
        for (int i = txs.size() - 1; i >= 0; i--) {
            HttpTx t = txs.get(i);
            if (t.h2.streamId == sid && t.h2.state != Http2Stream.GLOBAL) {
                return t;
            }
        }
        return null;
    }

    private HttpTx findOrCreate(int sid, int type) {
        HttpTx t = find(sid);
        if (t != null) {
            if (t.h2.state == Http2Stream.CLOSED && type != RST_STREAM && type != WINDOW_UPDATE && type != PRIORITY) {
                event(Http2Event.STREAM_ID_REUSE);
            }
            return t;
        }
        if (txs.size() >= MAX_STREAMS) {
            event(Http2Event.TOO_MANY_STREAMS);
            return null;
        }
        return newTx(sid, Http2Stream.OPEN);
    }

    private HttpTx newTx(int sid, int state) {
        HttpTx t = spare.isEmpty() ? new HttpTx() : spare.remove(spare.size() - 1);
        if (cfg.fileHashes && t.response.digests == null) {
            // a stream's bodies are files as HTTP/1's (filemd5 / filesha1 / filesha256)
            t.request.digests = new FileDigests();
            t.response.digests = new FileDigests();
        }
        t.reset(nextTxId++);
        if (t.h2 == null) {
            t.h2 = new Http2Stream();
        }
        t.h2.reset();
        t.h2.streamId = sid;
        t.h2.state = state;
        // Suricata inspects HTTP/2 bodies as files: an open one once 32 KiB are in (its file-data
        // minimal inspect size), else when the side's stream ends
        t.request.inspectMinSize = cfg.deferBodyInspection ? FILE_DATA_MIN_INSPECT : 0;
        t.request.inspectLimit = cfg.requestBodyLimit;
        t.response.inspectMinSize = cfg.deferBodyInspection ? FILE_DATA_MIN_INSPECT : 0;
        t.response.inspectLimit = cfg.responseBodyLimit;
        if (state == Http2Stream.GLOBAL) {
            t.requestProgress = t.responseProgress = HttpTx.PROGRESS_COMPLETE;
        }
        Http2Messages.lines(t);
        txs.add(t);
        return t;
    }

    /** Events go to the newest transaction, as Suricata's set_event. */
    private void event(Http2Event e) {
        errors++;
        if (!txs.isEmpty()) {
            event(txs.get(txs.size() - 1), e);
        }
    }

    private static void event(HttpTx tx, Http2Event e) {
        tx.h2.events |= e.bit();
    }

    /** The transaction is done with; its storage is reused. */
    public void release(HttpTx t) {
        if (txs.remove(t)) {
            t.h2.closeDecoders();
            t.request.recycle();
            t.response.recycle();
            if (spare.size() < 64) {
                spare.add(t);
            }
        }
    }

    public void flowEnded() {
        for (HttpTx t : txs) {
            t.request.streamEnded = true;
            t.response.streamEnded = true;
        }
    }

    /** Everything the flow held goes back to the thread's pools. */
    public void dropAll() {
        for (HttpTx t : txs) {
            t.h2.closeDecoders();
            t.request.recycle();
            t.response.recycle();
        }
        txs.clear();
        spare.clear();
    }

    /**
     * An HTTP/1 request upgraded with {@code Upgrade: h2c} (Suricata's HTTP2MimicHttp1Request):
     * stream 1 gets its method, URI and headers as request fields (Host as :authority), and its
     * HTTP2-Settings header (base64url) becomes a SETTINGS frame of a stream 0 transaction.
     */
    public void mimicHttp1Request(HttpTx h1) {
        HttpTx tx = findOrCreate(1, HEADERS);
        if (tx == null) {
            return;
        }
        Http2Stream.Side side = tx.h2.sides[0];
        side.frameTypes |= 1L << HEADERS;
        addField(side, ":method", h1.method());
        addField(side, ":path", h1.uriRaw());
        HttpMessage m = h1.request;
        for (int i = 0; i < m.entryCount; i++) {
            byte[] w = m.work;
            int n = m.eName[i];
            int nl = m.eNameLen[i];
            if (HttpBytes.equalsIgnoreCase(w, n, nl, HTTP2_SETTINGS)) {
                settingsFromHttp1(w, m.eVal[i], m.eValLen[i]);
            } else if (HttpBytes.equalsIgnoreCase(w, n, nl, HttpTx.HOST)) {
                side.addField(AUTHORITY, 0, AUTHORITY.length, w, m.eVal[i], m.eValLen[i]);
            } else {
                side.addField(w, n, nl, w, m.eVal[i], m.eValLen[i]);
            }
        }
        Http2Messages.build(tx, true);
        tx.h2.state = Http2Stream.HALF_CLOSED_CLIENT;
        tx.requestProgress = HttpTx.PROGRESS_COMPLETE;
    }

    private static final byte[] HTTP2_SETTINGS = HttpBytes.ascii("http2-settings");
    private static final byte[] AUTHORITY = HttpBytes.ascii(":authority");

    private static void addField(Http2Stream.Side side, String name, dev.rampart.engine.applayer.Slice value) {
        if (value.array == null) {
            return;
        }
        byte[] n = HttpBytes.ascii(name);
        side.addField(n, 0, n.length, value.array, value.offset, value.length);
    }

    private void settingsFromHttp1(byte[] w, int off, int len) {
        byte[] dec;
        try {
            dec = java.util.Base64.getUrlDecoder().decode(
                    new String(w, off, len, java.nio.charset.StandardCharsets.ISO_8859_1).trim());
        } catch (IllegalArgumentException e) {
            event(Http2Event.INVALID_HTTP1_SETTINGS);
            return;
        }
        if (dec.length % 6 != 0) {
            event(Http2Event.INVALID_HTTP1_SETTINGS);
        }
        HttpTx tx = newTx(0, Http2Stream.GLOBAL);
        Http2Stream.Side side = tx.h2.sides[0];
        side.frameTypes |= 1L << SETTINGS;
        settings(side, 0, dec, dec.length);
    }

    /**
     * A SETTINGS payload's 6-byte entries (id, value) into the side that sent them ({@code d}); a
     * header table size limits the blocks the other side encodes.
     */
    private void settings(Http2Stream.Side side, int d, byte[] p, int len) {
        for (int i = 0; i + 6 <= len; i += 6) {
            int id = (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
            int value = int32(p, i + 2);
            side.settings.add(id);
            side.settings.add(value);
            if (id == SETTINGS_HEADER_TABLE_SIZE) {
                hpack[1 - d].maxTableSize(value & 0xffffffffL);
            }
        }
    }

    private static int int32(byte[] p, int i) {
        return (p[i] & 0xff) << 24 | (p[i + 1] & 0xff) << 16 | (p[i + 2] & 0xff) << 8 | (p[i + 3] & 0xff);
    }

    private static int int31(byte[] p, int i) {
        return int32(p, i) & 0x7fffffff;
    }
}
