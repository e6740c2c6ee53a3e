package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.StreamFrames;
import dev.rampart.engine.flow.Spares;

/**
 * Per-flow HTTP/1.x parser in the manner of libhtp (as Suricata 7 configures it): two explicit
 * state machines, one per direction, fed in-order stream bytes in any split. Requests open
 * transactions in order (pipelining and keep-alive); responses take the oldest transaction still
 * waiting for one; a response with no request opens its own transaction with
 * UNABLE_TO_MATCH_RESPONSE_TO_REQUEST. Partial lines are kept in the transaction's own storage,
 * bounded by {@link HttpConfig}; every limit hit is counted. Bad input never throws: it becomes a
 * transaction event, a counter, or (when framing is lost) a direction that stops being parsed.
 *
 * <p>Transactions stay available until {@link #release}/{@link #releaseComplete}; at most
 * {@link HttpConfig#maxTx} are live, beyond which the oldest idle one is recycled (counted).
 */
public final class HttpParser {
    // direction states
    static final int IDLE = 0, LINE = 1, HEADERS = 2, BODY_CL = 3, CHUNK_LEN = 4, CHUNK_DATA = 5,
            CHUNK_DATA_END = 6, TRAILERS = 7, BODY_CLOSE = 8, TUNNEL = 9, CONNECT_WAIT = 10, DEAD = 11,
            FINALIZE = 12, PROBE09 = 13;

    private static final int MAX_FOLDS = 64;
    private static final int CHUNK_LINE_MAX = 1024;
    private static final byte[] CHUNKED = HttpBytes.ascii("chunked");
    private static final byte[] IDENTITY = HttpBytes.ascii("identity");
    private static final byte[] GZIP = HttpBytes.ascii("gzip");
    private static final byte[] X_GZIP = HttpBytes.ascii("x-gzip");
    private static final byte[] DEFLATE = HttpBytes.ascii("deflate");
    private static final byte[] X_DEFLATE = HttpBytes.ascii("x-deflate");
    private static final byte[] HTTP = HttpBytes.ascii("http");
    private static final byte[] HTTP_1_0 = HttpBytes.ascii("http/1.0");
    private static final byte[] HTTP_1_1 = HttpBytes.ascii("http/1.1");
    private static final byte[] CONNECT = HttpBytes.ascii("CONNECT");
    private static final byte[] HEAD = HttpBytes.ascii("HEAD");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] AUTHORIZATION = HttpBytes.ascii("authorization");
    private static final byte[] BASIC = HttpBytes.ascii("basic");
    private static final byte[] DIGEST = HttpBytes.ascii("digest");
    private static final byte[] BEARER = HttpBytes.ascii("bearer");
    /** Methods libhtp knows (htp_convert_method_to_number); others after a message are body data. */
    private static final byte[][] METHODS = {
        HttpBytes.ascii("GET"), HttpBytes.ascii("PUT"), HttpBytes.ascii("POST"), HttpBytes.ascii("DELETE"),
        HttpBytes.ascii("CONNECT"), HttpBytes.ascii("OPTIONS"), HttpBytes.ascii("TRACE"), HttpBytes.ascii("PATCH"),
        HttpBytes.ascii("PROPFIND"), HttpBytes.ascii("PROPPATCH"), HttpBytes.ascii("MKCOL"), HttpBytes.ascii("COPY"),
        HttpBytes.ascii("MOVE"), HttpBytes.ascii("LOCK"), HttpBytes.ascii("UNLOCK"),
        HttpBytes.ascii("VERSION-CONTROL"), HttpBytes.ascii("CHECKOUT"), HttpBytes.ascii("UNCHECKOUT"),
        HttpBytes.ascii("CHECKIN"), HttpBytes.ascii("UPDATE"), HttpBytes.ascii("LABEL"), HttpBytes.ascii("REPORT"),
        HttpBytes.ascii("MKWORKSPACE"), HttpBytes.ascii("MKACTIVITY"), HttpBytes.ascii("BASELINE-CONTROL"),
        HttpBytes.ascii("MERGE"), HttpBytes.ascii("INVALID"), HttpBytes.ascii("HEAD"),
    };
    private static final byte[] UPGRADE = HttpBytes.ascii("upgrade");
    private static final byte[] H2C = HttpBytes.ascii("h2c");
    private static final byte[] WEBSOCKET = HttpBytes.ascii("websocket");
    static final byte[] URI_NOT_SEEN = HttpBytes.ascii("/libhtp::request_uri_not_seen");

    /** Per-direction parsing state. */
    /** Requests / responses completed so far (Suricata triggers raw stream inspection on each). */
    private long requestsCompleted;
    private long responsesCompleted;

    /** Messages completed so far in that direction. */
    public long messagesCompleted(boolean toServer) {
        return toServer ? requestsCompleted : responsesCompleted;
    }

    private final class Side {
        final boolean toServer;
        int state = IDLE;
        HttpTx tx;
        int lineStart; // offset in the message head where the current line began
        int lineLen; // bytes of the current line seen (stored or not)
        int lineFirst; // first byte of the current line
        boolean lineOverflow;
        boolean lineTooLong;
        /** Bytes of a line held across chunks (probe, status probe, after a message): grown to {@link #CHUNK_LINE_MAX}. */
        byte[] lineBuf = HttpMessage.EMPTY;
        int lineBufLen;
        long remaining;
        int headerLines;
        // pending (possibly folded) header: first line and continuation lines in head
        int pendCount;
        int[] pendStart = new int[4], pendEnd = new int[4]; // grown to MAX_FOLDS by folded headers
        final HttpBodyDecoder decoder = new HttpBodyDecoder();
        /** FINALIZE: the rest of the current line is body data of the finished message. */
        boolean finBodyLine;
        /** PROBE09: saw linear whitespace after a token. */
        boolean probeAfterSpace;
        /** Response LINE: how many of "http" matched so far (5 = mismatch). */
        int statusProbe;
        byte[] replay = HttpMessage.EMPTY;
        /** onEnd was called: no more data comes in this direction. */
        boolean ended;
        /** flowEnded was called: transactions opened later start with their side's stream ended too. */
        boolean flowEnded;
        /** Stream offset of the next byte this direction brings (bytes and gaps given so far). */
        long pos;
        /** Stream offset of index 0 of the array being stepped (the input chunk or the replay buffer). */
        long base;
        /** Where a step that replays bytes stopped (stream offset just past the replayed bytes). */
        long cursor;
        /** Stream offset of the first byte of the message being started (IDLE), -1 none. */
        long idleFrom = -1;
        /** The message's open frame ({@link StreamFrames#open} serial), -1 none. */
        long frameSerial = -1;
        /** The message completed: its frame ends where the step that completed it stopped. */
        boolean frameEndPending;
        /** The frame of the message completed last (still open to trailing lines), -1 none. */
        long lastSerial = -1;
        /** A message completed during the current {@link #onData} call. */
        boolean completedThisChunk;

        Side(boolean toServer) {
            this.toServer = toServer;
        }

        /*
         * The line and replay buffers start empty and grow to what their lines need (a status probe
         * holds 5 bytes, a chunk-size line a few more): at 1 KiB each from the start, with the
         * header-fold arrays, every HTTP flow kept ~5 KiB for its life (2 GB generator scan: 18 MB).
         */
        void putLine(byte c) {
            if (lineBufLen == lineBuf.length) {
                lineBuf = lineSized(lineBuf, lineBufLen + 1);
            }
            lineBuf[lineBufLen++] = c;
        }

        /** Copies the {@code n} held line bytes into the replay buffer. */
        void lineToReplay(int n) {
            replay = lineSized(replay, n);
            System.arraycopy(lineBuf, 0, replay, 0, n);
        }

        void addFold(int start, int end) {
            if (pendCount == pendStart.length) {
                pendStart = java.util.Arrays.copyOf(pendStart, Math.min(MAX_FOLDS, pendCount * 2));
                pendEnd = java.util.Arrays.copyOf(pendEnd, pendStart.length);
            }
            pendStart[pendCount] = start;
            pendEnd[pendCount] = end;
            pendCount++;
        }

        void clearMessageState() {
            lineStart = 0;
            lineLen = 0;
            lineOverflow = false;
            lineTooLong = false;
            statusProbe = 0;
            lineBufLen = 0;
            remaining = 0;
            headerLines = 0;
            pendCount = 0;
        }
    }

    /** {@code a}, its bytes kept, with room for {@code need}: doubling from 16, {@link #CHUNK_LINE_MAX} at most. */
    private static byte[] lineSized(byte[] a, int need) {
        if (need <= a.length) {
            return a;
        }
        int n = Math.max(16, a.length * 2);
        while (n < need) {
            n *= 2;
        }
        return java.util.Arrays.copyOf(a, Math.min(CHUNK_LINE_MAX, n));
    }

    private final HttpConfig cfg;
    /** Frames of the flow when rules inspect them ({@link HttpConfig#frameTypes}), else null. */
    private final StreamFrames frames;
    private final Side req = new Side(true);
    private final Side res = new Side(false);
    private HttpTx[] live;
    private int liveCount;
    private long nextTxId;
    private static final byte[] HTTP_SLASH = HttpBytes.ascii("HTTP/");
    private final HttpUri.Authority authority = new HttpUri.Authority();

    // counters of limits hit and anomalies without a transaction
    long txEvicted;
    long fieldTooLong;
    long headTruncated;
    long bodyTruncated;
    long gapsUnparseable;
    long bytesDiscarded;

    public HttpParser(HttpConfig cfg) {
        this.cfg = cfg;
        this.frames = cfg.frameTypes != 0 ? new StreamFrames(cfg.frameTypes) : null;
        this.live = new HttpTx[Math.max(4, Math.min(cfg.maxTx, 16))];
    }

    /**
     * A 101 response switched the connection to HTTP/2 ({@code Upgrade: h2c}): Suricata's
     * AppLayerRequestProtocolChange to http2. Stays set; the bytes after it are not HTTP/1.
     */
    /** The request that was upgraded to HTTP/2 (kept from release: HTTP/2's stream 1 takes it over). */
    public HttpTx upgradeTx() {
        return upgradeTx;
    }

    private HttpTx upgradeTx;
    private boolean connectTunnel;
    private int connectTunnelPort;

    /** A CONNECT was answered with 2xx: the tunnel's protocol is to be detected again. */
    public boolean connectTunnel() {
        return connectTunnel;
    }

    /** The CONNECT target's port (0: unknown, keep the flow's). */
    public int connectTunnelPort() {
        return connectTunnelPort;
    }

    public boolean upgradeToHttp2() {
        return upgradeToHttp2;
    }

    /** A 101 switched the connection to WebSocket (Suricata 8's change to its websocket parser). */
    public boolean upgradeToWebSocket() {
        return upgradeToWebSocket;
    }

    private boolean upgradeToWebSocket;

    private boolean upgradeIsWebSocket(HttpMessage m) {
        m.headerValue(UPGRADE, upgradeValue);
        if (upgradeValue.array == null || upgradeValue.length != WEBSOCKET.length) {
            return false;
        }
        for (int i = 0; i < WEBSOCKET.length; i++) {
            if ((upgradeValue.array[upgradeValue.offset + i] | 0x20) != WEBSOCKET[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean upgradeToHttp2;
    private final dev.rampart.engine.applayer.Slice upgradeValue = new dev.rampart.engine.applayer.Slice();

    private boolean upgradeIsH2c(HttpMessage m) {
        m.headerValue(UPGRADE, upgradeValue);
        return upgradeValue.length == H2C.length
                && java.util.Arrays.equals(upgradeValue.array, upgradeValue.offset, upgradeValue.offset + H2C.length,
                        H2C, 0, H2C.length);
    }

    /** Forgets the flow: its transactions go back to the thread's pool. */
    public void reset() {
        upgradeToHttp2 = false;
        upgradeToWebSocket = false;
        upgradeTx = null;
        connectTunnel = false;
        connectTunnelPort = 0;
        for (int i = 0; i < liveCount; i++) {
            recycle(live[i]);
            live[i] = null;
        }
        liveCount = 0;
        nextTxId = 0;
        resetSide(req);
        resetSide(res);
        if (frames != null) {
            frames.reset();
        }
        txEvicted = fieldTooLong = headTruncated = bodyTruncated = gapsUnparseable = bytesDiscarded = 0;
        requestFinalizeBodyBytes = 0;
        requestsCompleted = responsesCompleted = 0;
    }

    private static void resetSide(Side s) {
        s.state = IDLE;
        s.tx = null;
        s.clearMessageState();
        s.finBodyLine = false;
        s.probeAfterSpace = false;
        s.ended = false;
        s.flowEnded = false;
        s.pos = s.base = s.cursor = 0;
        s.idleFrom = s.frameSerial = s.lastSerial = -1;
        s.frameEndPending = false;
        s.completedThisChunk = false;
    }

    /** An unfinished compressed body's inflater goes back to the thread's pool; the parser must not be used afterwards. */
    public void close() {
        req.decoder.close();
        res.decoder.close();
    }

    // ------------------------------------------------------------------ transactions

    public int txCount() {
        return liveCount;
    }

    /** The i-th live transaction, oldest first. */
    public HttpTx tx(int i) {
        return live[i];
    }

    /** Transactions opened so far (the next tx_id). */
    public long txOpened() {
        return nextTxId;
    }

    /** Returns a transaction to the pool unless a direction is still parsing into it. */
    public boolean release(HttpTx tx) {
        if ((tx == req.tx && req.state != FINALIZE) || (tx == res.tx && res.state != FINALIZE)) {
            return false;
        }
        // a side between messages only keeps the tx for trailing body lines: those are now dropped
        if (tx == req.tx) {
            req.tx = null;
        }
        if (tx == res.tx) {
            res.tx = null;
        }
        for (int i = 0; i < liveCount; i++) {
            if (live[i] == tx) {
                System.arraycopy(live, i + 1, live, i, liveCount - i - 1);
                live[--liveCount] = null;
                recycle(tx);
                return true;
            }
        }
        return false;
    }

    /**
     * The flow is gone: an unfinished compressed body's inflater goes back to the thread's pool
     * ({@link #close} was never called before: each such flow dropped a pooled inflater and its
     * native zlib state with it), and every transaction detection did not release, finished or
     * not, to the thread's spares with its body buffers.
     */
    public void dropAll() {
        for (int i = 0; i < liveCount; i++) {
            recycle(live[i]);
            live[i] = null;
        }
        liveCount = 0;
        req.tx = null;
        res.tx = null;
        close();
    }

    /** Releases every complete transaction; returns how many. */
    public int releaseComplete() {
        int n = 0;
        for (int i = liveCount - 1; i >= 0; i--) {
            HttpTx t = live[i];
            if (t.isComplete() && release(t)) {
                n++;
            }
        }
        return n;
    }

    public long txEvicted() {
        return txEvicted;
    }

    public long fieldTooLong() {
        return fieldTooLong;
    }

    public long headTruncated() {
        return headTruncated;
    }

    public long bodyTruncated() {
        return bodyTruncated;
    }

    public long gapsUnparseable() {
        return gapsUnparseable;
    }

    public long bytesDiscarded() {
        return bytesDiscarded;
    }

    /**
     * The calling thread's recycled transactions of this parser's configuration. Each parser kept
     * its own for the flow's life: an idle or closed keep-alive flow held one or two (~6 KiB each
     * with their arrays) until it timed out, 7,416 of them at 10 s into the 2 GB generator scan
     * (~45 MB of long-lived heap). Now a flow holds only live transactions. Safe to share across
     * flows: a transaction is recycled by the detection pass that releases it, and the alerts of
     * that packet, which may still read its head, are written before the thread parses more bytes.
     */
    Spares<HttpTx> txSpares() {
        return cfg.txSpares.get();
    }

    private void recycle(HttpTx tx) {
        tx.request.recycle();
        tx.response.recycle();
        txSpares().give(tx);
    }

    private HttpTx openTx() {
        if (liveCount >= cfg.maxTx) {
            for (int i = 0; i < liveCount; i++) {
                if (release(live[i])) {
                    txEvicted++;
                    break;
                }
            }
        }
        HttpTx tx = txSpares().takeOr(HttpTx::new);
        if (cfg.fileHashes && tx.response.digests == null) {
            tx.request.digests = new FileDigests();
            tx.response.digests = new FileDigests();
        }
        tx.reset(nextTxId++);
        tx.request.inspectMinSize = cfg.deferBodyInspection ? cfg.requestBodyMinimalInspectSize : 0;
        tx.request.inspectLimit = cfg.requestBodyLimit;
        tx.request.streamEnded = req.flowEnded;
        tx.response.inspectMinSize = cfg.deferBodyInspection ? cfg.responseBodyMinimalInspectSize : 0;
        tx.response.inspectLimit = cfg.responseBodyLimit;
        tx.response.streamEnded = res.flowEnded;
        if (liveCount == live.length) {
            live = java.util.Arrays.copyOf(live, live.length * 2);
        }
        live[liveCount++] = tx;
        return tx;
    }

    // ------------------------------------------------------------------ input

    public void onData(boolean toServer, byte[] data, int off, int len) {
        Side s = toServer ? req : res;
        if (frames != null) {
            frames.data(toServer, data, off, len);
        }
        int end = off + len;
        s.base = s.pos - off;
        s.completedThisChunk = false;
        while (off < end) {
            off = toServer ? stepRequest(s, data, off, end) : stepResponse(s, data, off, end);
            if (s.frameEndPending) {
                endFrame(s, s.base + off);
            }
        }
        s.pos += len;
        if (toServer && s.state == FINALIZE && s.lineBufLen == 0 && !s.finBodyLine) {
            // the chunk ended at a line boundary: the request is complete, and what comes later
            // starts a new one (suricata 7.0.10: a later chunk's "user=" line is request 2's line)
            finishRequest(s);
            s.tx = null;
            s.state = IDLE;
        }
    }

    /**
     * Bytes after a finished request that FINALIZE took as its body (lines that start no request,
     * before its chunk ended). Where chunks end decides these: with them, another split of the same
     * input can give other transactions, as in libhtp.
     */
    long requestFinalizeBodyBytes;

    /** The request in FINALIZE is complete: no more body lines can join it. */
    private static void finishRequest(Side s) {
        if (s.tx != null) {
            s.tx.requestProgress = HttpTx.PROGRESS_COMPLETE;
        }
    }

    /** The flow's frames, or null when no rule inspects frames. */
    public StreamFrames frames() {
        return frames;
    }

    /** A message starts: its frame runs from the first byte its IDLE state saw. */
    private void openFrame(Side s, HttpTx tx, long at) {
        if (frames != null) {
            long from = s.idleFrom >= 0 ? s.idleFrom : at;
            s.frameSerial = frames.open(s.toServer, s.toServer ? StreamFrames.HTTP1_REQUEST : StreamFrames.HTTP1_RESPONSE,
                    from, tx.id());
        }
        s.idleFrom = -1;
        s.lastSerial = -1;
    }

    /**
     * Bytes {@code [from, to)} that FINALIZE takes as body of the message before. libhtp completes
     * a message only when the next line starts another one or its input chunk ends: trailing
     * lines in the same chunk lengthen the finished message's frame; in a later chunk they come
     * after its completion, so libhtp starts the next message (and frame) on them.
     */
    private void finalizeBytes(Side s, long from, long to) {
        if (frames == null) {
            return;
        }
        if (s.completedThisChunk && s.lastSerial >= 0) {
            frames.close(s.toServer, s.lastSerial, to);
        } else if (s.idleFrom < 0) {
            s.idleFrom = from;
        }
    }

    /** The completed message's frame ends at stream offset {@code at} (Suricata sets its length in the complete callback). */
    private void endFrame(Side s, long at) {
        s.frameEndPending = false;
        if (frames != null) {
            frames.close(s.toServer, s.frameSerial, at);
        }
        s.lastSerial = s.frameSerial;
        s.completedThisChunk = true;
        s.frameSerial = -1;
    }

    /** A hole of {@code len} bytes in the stream: skipped inside bodies, fatal elsewhere. */
    public void onGap(boolean toServer, long len) {
        Side s = toServer ? req : res;
        if (len <= 0) {
            return;
        }
        if (frames != null) {
            frames.gap(toServer, len);
        }
        long gapEnd = s.pos + Math.min(len, s.remaining); // where a body the gap finishes ends
        s.pos += len;
        s.base = s.pos;
        switch (s.state) {
            case BODY_CL, CHUNK_DATA -> {
                if (s.tx != null) {
                    msg(s).bodyWire += Math.min(len, s.remaining); // libhtp counts gap bytes in the message length
                }
                if (len < s.remaining) {
                    s.remaining -= len;
                } else {
                    long left = len - s.remaining;
                    s.remaining = 0;
                    if (s.state == BODY_CL) {
                        completeMessage(s);
                    } else {
                        s.state = CHUNK_DATA_END;
                    }
                    if (left > 0) {
                        lose(s);
                    }
                }
            }
            case BODY_CLOSE -> {
                if (s.tx != null) {
                    msg(s).bodyWire += len;
                }
            }
            case TUNNEL, CONNECT_WAIT, DEAD -> {}
            default -> lose(s);
        }
        if (s.frameEndPending) {
            endFrame(s, gapEnd);
        }
    }

    /** Framing is lost: this direction is no longer parsed. */
    private void lose(Side s) {
        gapsUnparseable++;
        s.state = DEAD;
        s.tx = null;
    }

    /**
     * The flow ended (Suricata's flow-end pseudo packets, which carry STREAM_EOF to detection):
     * an unfinished body of this direction becomes inspectable as it is. Call before the
     * direction's {@link #onEnd} when that has not come yet.
     */
    public void flowEnded(boolean toServer) {
        Side s = toServer ? req : res;
        s.flowEnded = true;
        for (int i = 0; i < liveCount; i++) {
            (toServer ? live[i].request : live[i].response).streamEnded = true;
        }
    }

    /**
     * End of this direction: the TCP session closed (FIN or RST) with all its bytes delivered,
     * or the flow ended. Finishes what a close finishes in libhtp.
     */
    public void onEnd(boolean toServer) {
        Side s = toServer ? req : res;
        s.ended = true;
        s.cursor = s.pos;
        if (frames != null && !s.flowEnded) {
            frames.closed(toServer);
        }
        switch (s.state) {
            case LINE -> {
                if (s.lineLen > 0 && s.tx != null) {
                    // an unterminated start line is still processed, as libhtp does at close
                    HttpMessage m = msg(s);
                    int le = m.headLen;
                    if (toServer) {
                        requestLine(s, s.lineStart, le, m.head, 0, 0);
                        if (s.tx != null && s.tx.requestProgress < HttpTx.PROGRESS_COMPLETE) {
                            s.tx.event(HttpEvent.REQUEST_LINE_INCOMPLETE);
                        }
                    } else {
                        responseLineAtEnd(s, le);
                    }
                } else if (!toServer && s.tx != null && s.lineBufLen > 0) {
                    // a few bytes that never became a status line: body, as libhtp at close
                    int n = s.lineBufLen;
                    s.lineBufLen = 0;
                    s.tx.responseProgress = HttpTx.PROGRESS_BODY;
                    s.decoder.start(HttpBodyDecoder.NONE);
                    body(s, s.lineBuf, 0, n);
                    s.tx.responseProgress = HttpTx.PROGRESS_COMPLETE;
                }
            }
            case BODY_CLOSE -> completeMessage(s);
            // a response body cut short (of its Content-Length, inside a chunk, its size line or
            // trailers) is finished by the close, as libhtp finalizes it (oracle: body rules
            // alert on the closing packet); a request body cut short stays incomplete (the
            // upload's body rules alert only at flow end)
            case BODY_CL, CHUNK_LEN, CHUNK_DATA, CHUNK_DATA_END, TRAILERS -> {
                if (!toServer) {
                    completeMessage(s);
                }
            }
            case PROBE09 -> endProbe(s, false);
            case HEADERS -> {
                if (s.tx != null) {
                    finishHeaders(s);
                }
            }
            default -> {}
        }
        if (s.state == FINALIZE && s.lineBufLen > 0 && !s.finBodyLine) {
            int decision = finalizeDecision(s, true);
            // an unterminated leftover at close becomes body without request_body_unexpected (oracle)
            endFinalize(s, decision == 1 ? 1 : 3);
            if (decision == 1) {
                onEnd(toServer);
                return;
            }
        }
        if (toServer && s.state == FINALIZE) {
            finishRequest(s); // the close completes it (body lines included)
        }
        if (s.frameEndPending) {
            endFrame(s, s.pos);
        }
        if (s.state != TUNNEL) {
            s.state = DEAD;
        }
        s.tx = null;
    }

    private HttpMessage msg(Side s) {
        return s.toServer ? s.tx.request : s.tx.response;
    }

    // ------------------------------------------------------------------ request side

    private int stepRequest(Side s, byte[] d, int off, int end) {
        switch (s.state) {
            case IDLE -> {
                if (s.idleFrom < 0) {
                    s.idleFrom = s.base + off; // libhtp starts the request (and its frame) on the first byte
                }
                // empty lines between requests are ignored (libhtp's ignorable lines)
                int b = d[off];
                if (b == '\r' || b == '\n') {
                    return off + 1;
                }
                s.tx = openTx();
                openFrame(s, s.tx, s.base + off);
                s.tx.requestProgress = HttpTx.PROGRESS_NONE;
                s.clearMessageState();
                s.state = LINE;
                return off;
            }
            case LINE -> {
                int at = collectLine(s, d, off, end);
                if (at > 0) {
                    int le = lineEnd(s);
                    requestLine(s, s.lineStart, le, d, at, end);
                    nextLine(s);
                    return at;
                }
                return end;
            }
            case HEADERS, TRAILERS -> {
                return headersStep(s, d, off, end);
            }
            case FINALIZE -> {
                return finalizeStep(s, d, off, end);
            }
            case PROBE09 -> {
                return probeStep(s, d, off, end);
            }
            case CONNECT_WAIT, DEAD, TUNNEL -> {
                bytesDiscarded += end - off;
                return end;
            }
            default -> {
                return bodyStep(s, d, off, end);
            }
        }
    }

    private void requestLine(Side s, int ls, int le, byte[] d, int restOff, int restEnd) {
        HttpTx tx = s.tx;
        HttpMessage m = tx.request;
        byte[] h = m.head;
        m.startLineEnd = le;
        m.startLine.set(h, ls, le - ls);
        tx.requestProgress = HttpTx.PROGRESS_LINE;
        int p = ls;
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        if (p > ls) {
            tx.event(HttpEvent.REQUEST_LINE_LEADING_WHITESPACE);
        }
        int ms = p;
        while (p < le && !HttpBytes.isSpace(h[p])) {
            p++;
        }
        m.method.set(h, ms, p - ms);
        tx.isConnect = HttpBytes.equalsIgnoreCase(h, ms, p - ms, CONNECT, 0, CONNECT.length);
        tx.isHead = HttpBytes.equalsIgnoreCase(h, ms, p - ms, HEAD, 0, HEAD.length);
        int ds = p;
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        for (int i = ds; i < p; i++) {
            if (h[i] != ' ') { // several spaces are fine; other whitespace is not (oracle)
                tx.event(HttpEvent.METHOD_DELIM_NON_COMPLIANT);
                break;
            }
        }
        // the URI ends at the first whitespace; the protocol is the rest of the line (libhtp)
        int us = p;
        while (p < le && !HttpBytes.isSpace(h[p])) {
            p++;
        }
        int ue = p;
        int dl = p;
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        int re = le;
        while (re > p && HttpBytes.isSpace(h[re - 1])) {
            re--;
        }
        // Suricata 8 (libhtp-rs): when the line ends in "HTTP/..." after more words, the URI runs
        // up to the last whitespace before it ("GET /a b HTTP/1.1" asks for "/a b"; 7.0.10: "/a")
        int lastWs = re - 1;
        while (lastWs > p && !HttpBytes.isSpace(h[lastWs])) {
            lastWs--;
        }
        if (lastWs > p && re - (lastWs + 1) >= 5
                && HttpBytes.equalsIgnoreCase(h, lastWs + 1, 5, HTTP_SLASH, 0, 5)) {
            int uriEnd = lastWs;
            while (uriEnd > p && HttpBytes.isSpace(h[uriEnd - 1])) {
                uriEnd--;
            }
            ue = uriEnd;
            dl = uriEnd;
            p = lastWs + 1;
        }
        if (p < re) {
            m.protocol.set(h, p, re - p);
            for (int i = dl; i < p; i++) {
                if (h[i] != ' ') {
                    tx.event(HttpEvent.URI_DELIM_NON_COMPLIANT);
                    break;
                }
            }
        } else {
            m.protocol.clear();
            tx.http09 = true;
            if (ue == us) {
                tx.event(HttpEvent.REQUEST_LINE_INCOMPLETE);
            }
        }
        m.uriRaw.set(h, us, ue - us);
        if (m.method.length == 0) {
            tx.event(HttpEvent.REQUEST_LINE_INVALID);
        }
        // normalised URI
        HttpUri.parseAuthority(h, us, ue - us, authority);
        if (tx.isConnect && authority.hostOff < 0 && ue > us && h[us] != '/') {
            // CONNECT names host:port; "CONNECT / ..." names no host (Suricata 8, bug 7851: no http.host)
            HttpUri.hostPort(h, us, ue - us, authority);
        }
        int at = m.reserveWork(ue - us, cfg.maxHeadBytes);
        if (tx.isConnect) {
            tx.uriLen = 0; // CONNECT names an authority, no path: http.uri is empty (oracle)
            tx.uri.set(m.work, Math.max(at, 0), 0);
        } else if (at >= 0) {
            tx.uriOff = at;
            authority.doubleEncoded = false;
            tx.uriLen = HttpUri.normalize(h, us, ue - us, authority.pathStart, m.work, at, cfg.doubleDecodePath,
                    cfg.doubleDecodeQuery, authority);
            if (authority.doubleEncoded) {
                tx.event(HttpEvent.DOUBLE_ENCODED_URI);
            }
            tx.uri.set(m.work, at, tx.uriLen);
        } else {
            tx.uriLen = 0;
        }
        if (authority.hostOff >= 0) {
            int hl = authority.hostLen;
            int ho = m.reserveWork(hl, cfg.maxHeadBytes);
            if (ho >= 0) {
                for (int i = 0; i < hl; i++) {
                    m.work[ho + i] = (byte) HttpBytes.lower(h[authority.hostOff + i] & 0xff);
                }
                tx.hostOff = ho;
                tx.hostLen = hl;
            }
            tx.hostPort = authority.port;
            if (authority.badPort) {
                tx.event(HttpEvent.INVALID_AUTHORITY_PORT);
            }
        }
        if (tx.http09) {
            // no protocol: HTTP/0.9 unless what follows looks like a header (libhtp's probe)
            m.headerBlockStart = m.headLen;
            s.state = PROBE09;
            s.lineBufLen = 0;
            s.probeAfterSpace = false;
        } else {
            s.state = HEADERS;
            m.headerBlockStart = m.headLen;
        }
    }


    /**
     * After a request line without protocol: ':' before any other whitespace means headers follow
     * (REQUEST_LINE_MISSING_PROTOCOL), otherwise the request is HTTP/0.9 and complete.
     */
    private int probeStep(Side s, byte[] d, int off, int end) {
        int decision = 0; // 1 headers, 2 HTTP/0.9
        while (off < end && decision == 0) {
            int c = d[off++];
            s.putLine((byte) c);
            if (c == ':') {
                decision = 1;
            } else if (HttpBytes.isLws(c)) {
                s.probeAfterSpace = true;
            } else if (HttpBytes.isSpace(c) || c == '\n' || s.probeAfterSpace || s.lineBufLen == CHUNK_LINE_MAX) {
                decision = 2;
            }
        }
        if (decision != 0) {
            s.cursor = s.base + off;
            endProbe(s, decision == 1);
        }
        return off;
    }

    private void endProbe(Side s, boolean headers) {
        HttpTx tx = s.tx;
        int n = s.lineBufLen;
        s.lineToReplay(n);
        s.lineBufLen = 0;
        if (headers) {
            // libhtp logs no event for a missing protocol followed by headers (oracle)
            tx.http09 = false;
            s.state = HEADERS;
        } else {
            publishRequestHead(tx);
            completeMessage(s);
        }
        replay(s, n);
    }

    /** Steps over the last {@code n} bytes again; they end at stream offset {@code s.cursor}. */
    private void replay(Side s, int n) {
        long from = s.cursor - n;
        if (s.frameEndPending) {
            endFrame(s, from); // the message completed before the replayed bytes
        }
        long savedBase = s.base;
        s.base = from;
        byte[] r = s.replay;
        int off = 0;
        while (off < n) {
            off = s.toServer ? stepRequest(s, r, off, n) : stepResponse(s, r, off, n);
            if (s.frameEndPending) {
                endFrame(s, s.base + off);
            }
        }
        s.base = savedBase;
    }

    /**
     * Between messages, as libhtp's REQ_FINALIZE / RES_FINALIZE: a line that does not start a new
     * message (a known method; "HTTP" for responses) is body data of the message before it.
     */
    private int finalizeStep(Side s, byte[] d, int off, int end) {
        if (s.finBodyLine) {
            int lf = off;
            while (lf < end && d[lf] != '\n') {
                lf++;
            }
            int stop = lf < end ? lf + 1 : end;
            finalizeBytes(s, s.base + off, s.base + stop);
            if (s.tx == null) {
                bytesDiscarded += stop - off;
            } else {
                if (s.toServer) {
                    requestFinalizeBodyBytes += stop - off;
                }
                body(s, d, off, stop - off);
            }
            if (lf < end) {
                s.finBodyLine = false;
            }
            return stop;
        }
        while (off < end) {
            s.putLine(d[off++]);
            int decision = finalizeDecision(s, false);
            if (decision != 0) {
                s.cursor = s.base + off;
                endFinalize(s, decision);
                return off;
            }
        }
        return off;
    }

    /** 0 undecided, 1 new message, 2 body (unexpected), 3 body (whitespace line). */
    private int finalizeDecision(Side s, boolean atEnd) {
        byte[] b = s.lineBuf;
        int n = s.lineBufLen;
        boolean lineDone = n > 0 && b[n - 1] == '\n';
        int p = 0;
        while (p < n && (HttpBytes.isSpace(b[p]) || b[p] == '\n' || (!s.toServer && b[p] == 0))) {
            p++;
        }
        if (p == n) {
            return lineDone ? 3 : (n == CHUNK_LINE_MAX || atEnd ? 3 : 0);
        }
        if (s.toServer) {
            int t = p;
            while (t < n && !HttpBytes.isSpace(b[t]) && b[t] != '\n') {
                t++;
            }
            if (t == n && !atEnd && t - p <= 32 && n < CHUNK_LINE_MAX) {
                return 0;
            }
            for (byte[] m : METHODS) {
                if (HttpBytes.equalsIgnoreCase(b, p, t - p, m, 0, m.length) && startsWithExact(b, p, m)) {
                    return 1;
                }
            }
            return 2;
        }
        if (n - p < 4) {
            return lineDone || atEnd ? 2 : 0;
        }
        return HttpBytes.startsWithIgnoreCase(b, p, n - p, HTTP) ? 1 : 2;
    }

    private static boolean startsWithExact(byte[] b, int p, byte[] m) {
        for (int i = 0; i < m.length; i++) {
            if (b[p + i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    private void endFinalize(Side s, int decision) {
        int n = s.lineBufLen;
        s.lineBufLen = 0;
        if (decision == 1) {
            s.lineToReplay(n);
            if (s.toServer) {
                finishRequest(s);
            }
            s.tx = null;
            s.state = IDLE;
            replay(s, n);
            return;
        }
        finalizeBytes(s, s.cursor - n, s.cursor);
        if (s.tx == null) {
            bytesDiscarded += n;
        } else {
            if (decision == 2 && s.toServer) {
                s.tx.event(HttpEvent.REQUEST_BODY_UNEXPECTED);
            }
            if (s.toServer) {
                requestFinalizeBodyBytes += n;
            }
            body(s, s.lineBuf, 0, n);
        }
        s.finBodyLine = n == 0 || s.lineBuf[n - 1] != '\n';
    }

    // ------------------------------------------------------------------ response side

    private int stepResponse(Side s, byte[] d, int off, int end) {
        switch (s.state) {
            case IDLE -> {
                if (s.idleFrom < 0) {
                    s.idleFrom = s.base + off;
                }
                int b = d[off];
                if (b == '\r' || b == '\n') {
                    return off + 1;
                }
                HttpTx tx = pairResponse();
                s.tx = tx;
                openFrame(s, tx, s.base + off);
                s.clearMessageState();
                tx.responseProgress = HttpTx.PROGRESS_NONE;
                if (tx.http09) {
                    // a response to an HTTP/0.9 request has no status line or headers
                    tx.responseProgress = HttpTx.PROGRESS_BODY;
                    s.decoder.start(HttpBodyDecoder.NONE);
                    s.state = BODY_CLOSE;
                    return off;
                }
                s.state = LINE;
                return off;
            }
            case LINE -> {
                if (s.statusProbe < 4) {
                    return statusProbeStep(s, d, off, end);
                }
                int at = collectLine(s, d, off, end);
                if (at > 0) {
                    int le = lineEnd(s);
                    HttpMessage m = s.tx.response;
                    if (!looksLikeStatusLine(m.head, s.lineStart, le)) {
                        // libhtp treats a response that does not start with "HTTP" as body (no event, oracle)
                        int ls = s.lineStart;
                        int ll = m.headLen - ls;
                        m.headLen = ls;
                        s.tx.responseProgress = HttpTx.PROGRESS_BODY;
                        s.decoder.start(HttpBodyDecoder.NONE);
                        s.state = BODY_CLOSE;
                        body(s, m.head, ls, ll);
                        return at;
                    }
                    responseLine(s, s.lineStart, le);
                    nextLine(s);
                    return at;
                }
                return end;
            }
            case HEADERS, TRAILERS -> {
                return headersStep(s, d, off, end);
            }
            case FINALIZE -> {
                return finalizeStep(s, d, off, end);
            }
            case TUNNEL, DEAD, CONNECT_WAIT -> {
                bytesDiscarded += end - off;
                return end;
            }
            default -> {
                return bodyStep(s, d, off, end);
            }
        }
    }

    private HttpTx pairResponse() {
        for (int i = 0; i < liveCount; i++) {
            HttpTx t = live[i];
            // like libhtp, a request that has started (even mid-line) owns the next response
            if (t.responseProgress == HttpTx.PROGRESS_NONE && !t.unmatchedResponse && t != res.tx) {
                return t;
            }
        }
        HttpTx t = openTx();
        t.unmatchedResponse = true;
        t.requestProgress = HttpTx.PROGRESS_COMPLETE;
        t.event(HttpEvent.UNABLE_TO_MATCH_RESPONSE_TO_REQUEST);
        t.request.uriRaw.set(URI_NOT_SEEN, 0, URI_NOT_SEEN.length);
        t.uri.set(URI_NOT_SEEN, 0, URI_NOT_SEEN.length);
        return t;
    }

    /**
     * Before a status line is collected, its first bytes decide what it is, as libhtp's
     * htp_treat_response_line_as_body: after optional whitespace/NULs, "HTTP" (any case) starts a
     * status line; anything else (or a line ending first) makes the response body. The bytes wait in
     * the line buffer until then, so the decision does not depend on how the input is split.
     */
    private int statusProbeStep(Side s, byte[] d, int off, int end) {
        int decision = 0; // 1 status line, 2 body
        while (off < end && decision == 0) {
            int c = d[off++] & 0xff;
            s.putLine((byte) c);
            if (c == '\n') {
                decision = 2;
            } else if (s.statusProbe == 0 && (HttpBytes.isSpace(c) || c == 0)) {
                // leading whitespace
            } else if (HttpBytes.lower(c) == "http".charAt(s.statusProbe)) {
                if (++s.statusProbe == 4) {
                    decision = 1;
                }
            } else {
                decision = 2;
            }
            if (decision == 0 && s.lineBufLen == CHUNK_LINE_MAX) {
                decision = 2;
            }
        }
        if (decision == 0) {
            return off;
        }
        int n = s.lineBufLen;
        s.lineBufLen = 0;
        if (decision == 1) {
            s.statusProbe = 4;
            int at = 0;
            while (at < n) { // no LF in these bytes: they only start the line
                at = stepResponse(s, s.lineBuf, at, n);
            }
        } else {
            // the response is body until the connection closes (no event, oracle)
            s.statusProbe = 5;
            s.tx.responseProgress = HttpTx.PROGRESS_BODY;
            s.decoder.start(HttpBodyDecoder.NONE);
            s.state = BODY_CLOSE;
            body(s, s.lineBuf, 0, n);
        }
        return off;
    }

    private static boolean looksLikeStatusLine(byte[] h, int ls, int le) {
        int p = ls;
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        return HttpBytes.startsWithIgnoreCase(h, p, le - p, HTTP);
    }

    /** "HTTP/" digit "." digit, case-insensitive. */
    private static boolean validProtocol(byte[] h, int off, int len) {
        return len == 8 && HttpBytes.startsWithIgnoreCase(h, off, len, HTTP) && h[off + 4] == '/'
                && Character.isDigit(h[off + 5]) && h[off + 6] == '.' && Character.isDigit(h[off + 7]);
    }

    private void responseLineAtEnd(Side s, int le) {
        HttpMessage m = s.tx.response;
        if (looksLikeStatusLine(m.head, s.lineStart, le)) {
            responseLine(s, s.lineStart, le);
        }
    }

    private void responseLine(Side s, int ls, int le) {
        HttpTx tx = s.tx;
        HttpMessage m = tx.response;
        byte[] h = m.head;
        m.startLineEnd = le;
        m.startLine.set(h, ls, le - ls);
        tx.responseProgress = HttpTx.PROGRESS_LINE;
        int p = ls;
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        int ps = p;
        while (p < le && !HttpBytes.isSpace(h[p])) {
            p++;
        }
        m.protocol.set(h, ps, p - ps);
        if (!validProtocol(h, ps, p - ps)) {
            tx.event(HttpEvent.RESPONSE_INVALID_PROTOCOL);
        }
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        int cs = p;
        while (p < le && !HttpBytes.isSpace(h[p])) {
            p++;
        }
        m.statusCode.set(h, cs, p - cs);
        int status = -1;
        if (p - cs == 3) {
            status = 0;
            for (int i = cs; i < p; i++) {
                int c = h[i] & 0xff;
                if (c < '0' || c > '9') {
                    status = -1;
                    break;
                }
                status = status * 10 + c - '0';
            }
        }
        if (status < 100 || status > 999) {
            status = -1;
            tx.event(HttpEvent.RESPONSE_INVALID_STATUS);
        }
        tx.statusNumber = status;
        while (p < le && HttpBytes.isSpace(h[p])) {
            p++;
        }
        int me = le;
        while (me > p && HttpBytes.isSpace(h[me - 1])) {
            me--;
        }
        m.statusMessage.set(h, p, me - p);
        s.state = HEADERS;
        m.headerBlockStart = m.headLen;
    }

    // ------------------------------------------------------------------ lines and headers

    /**
     * Copies bytes of the current line into the message head until LF. Returns the offset after
     * the LF, or 0 when the line is not complete yet (all input consumed).
     */
    private int collectLine(Side s, byte[] d, int off, int end) {
        int lf = off;
        while (lf < end && d[lf] != '\n') {
            lf++;
        }
        boolean done = lf < end;
        int n = (done ? lf + 1 : end) - off;
        HttpMessage m = msg(s);
        if (s.lineLen == 0 && n > 0) {
            s.lineFirst = d[off];
        }
        // keep the longest prefix both caps allow, so that any split stores the same bytes
        long allowed = Math.min((long) cfg.fieldLimit + 2 - s.lineLen, (long) cfg.maxHeadBytes - m.headLen);
        int keep = (int) Math.max(0, Math.min(n, allowed));
        if (keep > 0) {
            m.appendHead(d, off, keep, cfg.maxHeadBytes);
        }
        if (keep < n && !s.lineOverflow) {
            s.lineOverflow = true;
            if (s.lineLen + n <= cfg.fieldLimit + 2) {
                headTruncated++;
                m.headTruncated = true;
            }
        }
        if (s.lineLen + n > cfg.fieldLimit + 2 && !s.lineTooLong) {
            s.lineTooLong = true;
            fieldTooLong++;
            s.tx.event(s.toServer ? HttpEvent.REQUEST_FIELD_TOO_LONG : HttpEvent.RESPONSE_FIELD_TOO_LONG);
        }
        s.lineLen += n;
        if (done && s.lineOverflow) {
            // keep the line terminated in storage where there is room
            if (m.headLen == 0 || m.head[m.headLen - 1] != '\n') {
                m.appendHead(CRLF, 1, 1, cfg.maxHeadBytes);
            }
        }
        return done ? lf + 1 : 0;
    }

    /** End of the current line's content in the head (line ending excluded). */
    private int lineEnd(Side s) {
        HttpMessage m = msg(s);
        int e = m.headLen;
        if (e > s.lineStart && m.head[e - 1] == '\n') {
            e--;
        }
        if (e > s.lineStart && m.head[e - 1] == '\r') {
            e--;
        }
        return e;
    }

    private void nextLine(Side s) {
        if (s.tx != null) {
            s.lineStart = msg(s).headLen;
        }
        s.lineLen = 0;
        s.lineOverflow = false;
        s.lineTooLong = false;
        s.statusProbe = 0;
    }

    private int headersStep(Side s, byte[] d, int off, int end) {
        if (s.state == TRAILERS) {
            // trailer lines are framing only here: read and dropped
            int at = collectChunkLine(s, d, off, end);
            if (at > 0) {
                boolean empty = s.lineBufLen == 0;
                s.lineBufLen = 0;
                if (empty) {
                    completeMessage(s);
                }
                return at;
            }
            return end;
        }
        int at = collectLine(s, d, off, end);
        if (at == 0) {
            return end;
        }
        HttpMessage m = msg(s);
        int ls = s.lineStart;
        int le = lineEnd(s);
        if (s.lineLen == 1 || (s.lineLen == 2 && s.lineFirst == '\r')) {
            finishHeaders(s);
            return at;
        }
        if (le == ls) {
            nextLine(s); // a header line that did not fit the caps (counted when it was dropped)
            return at;
        }
        byte first = m.head[ls];
        if (le > ls && HttpBytes.isLws(first) && s.pendCount > 0) {
            if (s.pendCount < MAX_FOLDS) {
                s.addFold(ls, le);
            }
        } else {
            if (le > ls && HttpBytes.isLws(first)) {
                s.tx.event(s.toServer ? HttpEvent.INVALID_REQUEST_FIELD_FOLDING
                        : HttpEvent.INVALID_RESPONSE_FIELD_FOLDING);
            }
            flushHeader(s);
            if (++s.headerLines > cfg.headersLimit) {
                if (s.headerLines == cfg.headersLimit + 1) {
                    s.tx.event(s.toServer ? HttpEvent.REQUEST_TOO_MANY_HEADERS : HttpEvent.RESPONSE_TOO_MANY_HEADERS);
                }
            } else {
                s.pendStart[0] = ls;
                s.pendEnd[0] = le;
                s.pendCount = 1;
            }
        }
        nextLine(s);
        return at;
    }

    /** Turns the pending (possibly folded) header line into an entry. */
    private void flushHeader(Side s) {
        if (s.pendCount == 0) {
            return;
        }
        HttpTx tx = s.tx;
        HttpMessage m = msg(s);
        byte[] h = m.head;
        int ls = s.pendStart[0];
        int le = s.pendEnd[0];
        int colon = ls;
        while (colon < le && h[colon] != ':') {
            colon++;
        }
        int ns = ls;
        int ne;
        int vs;
        if (colon == le) {
            tx.event(s.toServer ? HttpEvent.REQUEST_FIELD_MISSING_COLON : HttpEvent.RESPONSE_FIELD_MISSING_COLON);
            ne = ns; // libhtp: empty name, the whole line is the value
            vs = ls;
        } else {
            ne = colon;
            vs = colon + 1;
            boolean invalid = ne == ns;
            while (ne > ns && HttpBytes.isLws(h[ne - 1])) {
                ne--;
                invalid = true;
            }
            while (ns < ne && HttpBytes.isLws(h[ns])) {
                ns++;
            }
            for (int i = ns; i < ne && !invalid; i++) {
                int c = h[i] & 0xff;
                if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    invalid = true;
                }
            }
            if (invalid) {
                tx.event(s.toServer ? HttpEvent.REQUEST_HEADER_INVALID : HttpEvent.RESPONSE_HEADER_INVALID);
            }
        }
        int nameAt = m.copyToWork(h, ns, ne - ns, cfg.maxHeadBytes);
        int valLen = le - vs;
        for (int k = 1; k < s.pendCount; k++) {
            valLen += s.pendEnd[k] - s.pendStart[k];
        }
        int valAt = m.reserveWork(valLen, cfg.maxHeadBytes);
        int folds = s.pendCount;
        s.pendCount = 0;
        if (nameAt < 0 || valAt < 0) {
            headTruncated++;
            return;
        }
        int w = valAt;
        System.arraycopy(h, vs, m.work, w, le - vs);
        w += le - vs;
        for (int k = 1; k < folds; k++) {
            int n = s.pendEnd[k] - s.pendStart[k];
            System.arraycopy(h, s.pendStart[k], m.work, w, n);
            w += n;
        }
        int a = valAt;
        int b = w;
        while (a < b && HttpBytes.isLws(m.work[a])) {
            a++;
        }
        while (b > a && HttpBytes.isLws(m.work[b - 1])) {
            b--;
        }
        m.addEntry(nameAt, ne - ns, a, b - a);
    }

    /** End of the header block: builds the joined table and buffers, then decides on the body. */
    private void finishHeaders(Side s) {
        flushHeader(s);
        HttpTx tx = s.tx;
        HttpMessage m = msg(s);
        buildTable(s, tx, m);
        m.headerRaw.set(m.head, m.headerBlockStart, m.headLen - m.headerBlockStart);
        if (s.toServer) {
            publishRequestHead(tx);
            tx.requestHeadersSeen = true;
            tx.requestProgress = HttpTx.PROGRESS_HEADERS;
            requestBodyKind(s, tx);
        } else {
            buildBuffers(m, HttpTx.SET_COOKIE);
            tx.responseProgress = HttpTx.PROGRESS_HEADERS;
            responseBodyKind(s, tx);
        }
    }

    private void publishRequestHead(HttpTx tx) {
        HttpMessage m = tx.request;
        // the URI's authority wins over the Host header (libhtp)
        int hi = m.findHeader(HttpTx.HOST);
        HttpUri.Authority a = authority;
        if (hi >= 0) {
            m.headerValue(hi, tx.hostRaw);
            HttpUri.hostPort(tx.hostRaw.array, tx.hostRaw.offset, tx.hostRaw.length, a);
            if (tx.hostOff >= 0) {
                if (!HttpBytes.equalsIgnoreCase(m.work, tx.hostOff, tx.hostLen, tx.hostRaw.array, a.hostOff,
                        a.hostLen)) {
                    tx.event(HttpEvent.HOST_HEADER_AMBIGUOUS);
                }
                tx.host.set(m.work, tx.hostOff, tx.hostLen);
            } else if (!a.hadColon) {
                // libhtp lower-cases a Host value without a port (and keeps the case with one)
                int ho = m.reserveWork(a.hostLen, cfg.maxHeadBytes);
                if (ho >= 0) {
                    for (int i = 0; i < a.hostLen; i++) {
                        m.work[ho + i] = (byte) HttpBytes.lower(tx.hostRaw.array[a.hostOff + i] & 0xff);
                    }
                    tx.host.set(m.work, ho, a.hostLen);
                }
                if (a.badPort) {
                    tx.event(HttpEvent.REQUEST_HEADER_HOST_INVALID);
                }
            } else {
                tx.host.set(tx.hostRaw.array, a.hostOff, a.hostLen);
                tx.hostPort = a.port;
                if (a.badPort) {
                    tx.event(HttpEvent.REQUEST_HEADER_HOST_INVALID);
                }
            }
        } else if (tx.hostOff >= 0) {
            tx.host.set(m.work, tx.hostOff, tx.hostLen);
        } else if (!tx.http09 && m.protocol.length > 0
                && HttpBytes.equalsIgnoreCase(m.protocol.array, m.protocol.offset, m.protocol.length, HTTP_1_1, 0,
                        HTTP_1_1.length)) {
            tx.event(HttpEvent.MISSING_HOST_HEADER);
        }
        int auth = m.findHeader(AUTHORIZATION);
        if (auth >= 0) {
            int v = m.fVal[auth], e = v + m.fValLen[auth], t = v;
            while (t < e && !HttpBytes.isSpace(m.work[t])) {
                t++;
            }
            if (!HttpBytes.equalsIgnoreCase(m.work, v, t - v, BASIC)
                    && !HttpBytes.equalsIgnoreCase(m.work, v, t - v, DIGEST)
                    && !HttpBytes.equalsIgnoreCase(m.work, v, t - v, BEARER)) {
                tx.event(HttpEvent.REQUEST_AUTH_UNRECOGNIZED);
            }
        }
        buildBuffers(m, HttpTx.COOKIE);
    }

    /** Joins entries into the header table: repeated names get ", " + value (Content-Length kept once). */
    private void buildTable(Side s, HttpTx tx, HttpMessage m) {
        for (int e = 0; e < m.entryCount; e++) {
            int n = m.eName[e], nl = m.eNameLen[e];
            int f = -1;
            for (int i = 0; i < m.fieldCount; i++) {
                if (HttpBytes.equalsIgnoreCase(m.work, m.fName[i], m.fNameLen[i], m.work, n, nl)) {
                    f = i;
                    break;
                }
            }
            if (f < 0) {
                m.addField(n, nl, m.eVal[e], m.eValLen[e]);
                continue;
            }
            // libhtp only flags a repeated header (no REQUEST/RESPONSE_HEADER_REPETITION event, oracle)
            if (HttpBytes.equalsIgnoreCase(m.work, n, nl, HttpTx.CONTENT_LENGTH)) {
                if (!HttpBytes.equalsIgnoreCase(m.work, m.fVal[f], m.fValLen[f], m.work, m.eVal[e], m.eValLen[e])) {
                    tx.event(s.toServer ? HttpEvent.DUPLICATE_CONTENT_LENGTH_FIELD_IN_REQUEST
                            : HttpEvent.DUPLICATE_CONTENT_LENGTH_FIELD_IN_RESPONSE);
                }
                continue;
            }
            int len = m.fValLen[f] + 2 + m.eValLen[e];
            int at = m.reserveWork(len, cfg.maxHeadBytes);
            if (at < 0) {
                headTruncated++;
                continue;
            }
            System.arraycopy(m.work, m.fVal[f], m.work, at, m.fValLen[f]);
            m.work[at + m.fValLen[f]] = ',';
            m.work[at + m.fValLen[f] + 1] = ' ';
            System.arraycopy(m.work, m.eVal[e], m.work, at + m.fValLen[f] + 2, m.eValLen[e]);
            m.fVal[f] = at;
            m.fValLen[f] = len;
        }
    }

    /** http.header (without {@code excluded}), http.header_names and http.start, as Suricata builds them. */
    private void buildBuffers(HttpMessage m, byte[] excluded) {
        int headerLen = 0;
        int namesLen = 4;
        int startLen = m.startLine.length + 4;
        for (int i = 0; i < m.fieldCount; i++) {
            int line = m.fNameLen[i] + 2 + m.fValLen[i] + 2;
            startLen += line;
            namesLen += m.fNameLen[i] + 2;
            if (!HttpBytes.equalsIgnoreCase(m.work, m.fName[i], m.fNameLen[i], excluded)) {
                headerLen += line;
            }
        }
        int total = headerLen + namesLen + startLen;
        int at = m.reserveWork(total, cfg.maxHeadBytes + total);
        if (at < 0) {
            headTruncated++;
            return;
        }
        byte[] w = m.work;
        int p = at;
        m.headerOff = p;
        for (int i = 0; i < m.fieldCount; i++) {
            if (!HttpBytes.equalsIgnoreCase(w, m.fName[i], m.fNameLen[i], excluded)) {
                p = field(w, p, m, i);
            }
        }
        m.headerLen = p - m.headerOff;
        m.namesOff = p;
        w[p++] = '\r';
        w[p++] = '\n';
        for (int i = 0; i < m.fieldCount; i++) {
            System.arraycopy(w, m.fName[i], w, p, m.fNameLen[i]);
            p += m.fNameLen[i];
            w[p++] = '\r';
            w[p++] = '\n';
        }
        w[p++] = '\r';
        w[p++] = '\n';
        m.namesLen = p - m.namesOff;
        m.startOff = p;
        if (m.startLine.length > 0) {
            System.arraycopy(m.startLine.array, m.startLine.offset, w, p, m.startLine.length);
        }
        p += m.startLine.length;
        w[p++] = '\r';
        w[p++] = '\n';
        for (int i = 0; i < m.fieldCount; i++) {
            p = field(w, p, m, i);
        }
        if (m.fieldCount > 0) { // Suricata ends http.start with an empty line only after headers
            w[p++] = '\r';
            w[p++] = '\n';
        }
        m.startLen = p - m.startOff;
        // the work array may have grown: re-point every slice into it
        if (m.headerLen > 0) {
            m.header.set(w, m.headerOff, m.headerLen);
        } else {
            m.header.clear();
        }
        if (m.fieldCount > 0) {
            m.headerNames.set(w, m.namesOff, m.namesLen);
        } else {
            m.headerNames.clear();
        }
        m.start.set(w, m.startOff, m.startLen);
    }

    private static int field(byte[] w, int p, HttpMessage m, int i) {
        System.arraycopy(w, m.fName[i], w, p, m.fNameLen[i]);
        p += m.fNameLen[i];
        w[p++] = ':';
        w[p++] = ' ';
        System.arraycopy(w, m.fVal[i], w, p, m.fValLen[i]);
        p += m.fValLen[i];
        w[p++] = '\r';
        w[p++] = '\n';
        return p;
    }

    // ------------------------------------------------------------------ bodies

    private void requestBodyKind(Side s, HttpTx tx) {
        HttpMessage m = tx.request;
        boolean chunked = chunkedEncoding(m, tx, HttpEvent.INVALID_TRANSFER_ENCODING_VALUE_IN_REQUEST);
        long len = contentLength(m);
        if (!chunked && m.findHeader(HttpTx.TRANSFER_ENCODING) >= 0) {
            // libhtp: a request Transfer-Encoding that names no chunked coding (identity and an
            // empty value included) is an error
            framingError(s, tx, m, HttpEvent.INVALID_TRANSFER_ENCODING_VALUE_IN_REQUEST);
            return;
        }
        if (!chunked && len == INVALID_LENGTH) {
            framingError(s, tx, m, HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_REQUEST);
            return;
        }
        tx.requestContentLength = len;
        tx.requestChunked = chunked;
        startDecoder(s, m, tx, cfg.requestDecompression);
        if (chunked) {
            tx.requestProgress = HttpTx.PROGRESS_BODY;
            s.state = CHUNK_LEN;
            s.lineBufLen = 0;
        } else if (len > 0) {
            tx.requestProgress = HttpTx.PROGRESS_BODY;
            s.remaining = len;
            m.bodySizeHint = len;
            s.state = BODY_CL;
        } else {
            completeMessage(s);
        }
    }

    private void responseBodyKind(Side s, HttpTx tx) {
        HttpMessage m = tx.response;
        int status = tx.statusNumber;
        // a Content-Length or Transfer-Encoding announces a body: libhtp then reads one even where
        // the status has none (100, 101, 1xx, 204, 304)
        boolean framed = m.findHeader(HttpTx.CONTENT_LENGTH) >= 0 || m.findHeader(HttpTx.TRANSFER_ENCODING) >= 0;
        if (status == 100 && !framed) {
            // interim response: the real status line follows for the same transaction (libhtp: only
            // without Content-Length and Transfer-Encoding; with one it is a response with a body)
            if (++tx.continueSeen > 1) {
                tx.event(HttpEvent.CONTINUE_100_ALREADY_SEEN);
            }
            m.reset();
            tx.responseProgress = HttpTx.PROGRESS_NONE;
            s.clearMessageState();
            s.state = LINE;
            return;
        }
        // libhtp switches protocols on a 101 only without Content-Length and Transfer-Encoding; with
        // either it warns and reads the response as any other (suricata 7.0.10: its body is file.data)
        // A CONNECT's 2xx opens the tunnel unless its Content-Length announces a body (suricata
        // 7.0.10, measured: no length, length 0 and chunked open it; a length of 2 or 5 makes an
        // ordinary response whose tunnel bytes are never detected)
        boolean tunnel = tx.isConnect && status >= 200 && status < 300 && !(contentLength(m) > 0);
        if ((status == 101 && !framed) || tunnel) {
            if (status == 101 && upgradeIsH2c(m)) {
                // Suricata (HTPHandleResponseData on libhtp's tunnel state) asks the app layer to
                // change the flow's protocol to HTTP/2 on a 101 whose Upgrade value is exactly "h2c"
                upgradeToHttp2 = true;
                upgradeTx = tx;
            } else if (status == 101 && upgradeIsWebSocket(m)) {
                // Suricata 8 asks for a change to websocket on a 101 whose Upgrade value is
                // "websocket" in any case (measured on suricata-verify's "Upgrade: WebSocket")
                upgradeToWebSocket = true;
            } else if (tunnel) {
                // Suricata (HTPHandleResponseData) asks for the tunnel's protocol to be detected
                // again on the next data, with the CONNECT target's port as the destination port
                connectTunnelPort = tx.hostPort > 0 ? tx.hostPort : 0;
                connectTunnel = true;
            }
            tx.responseProgress = HttpTx.PROGRESS_COMPLETE;
            s.frameEndPending = s.frameSerial >= 0;
            s.state = TUNNEL;
            s.tx = null;
            req.state = TUNNEL;
            return;
        }
        if (tx.isConnect && req.state == CONNECT_WAIT) {
            req.state = IDLE;
        }
        boolean chunked = chunkedEncoding(m, tx, HttpEvent.INVALID_TRANSFER_ENCODING_VALUE_IN_RESPONSE);
        if (chunked && HttpBytes.equalsIgnoreCase(m.protocol.array, m.protocol.offset, m.protocol.length, HTTP_1_0, 0,
                HTTP_1_0.length)) {
            tx.event(HttpEvent.RESPONSE_CHUNKED_OLD_PROTO);
        }
        long len = contentLength(m);
        // 1xx, 204 and 304 have no body unless they announce one (libhtp then reads it, as browsers do)
        boolean noBody = tx.isHead || ((status >= 100 && status < 200) || status == 204 || status == 304) && !framed;
        if (!noBody && !chunked && len == INVALID_LENGTH) {
            framingError(s, tx, m, HttpEvent.INVALID_CONTENT_LENGTH_FIELD_IN_RESPONSE);
            return;
        }
        tx.responseContentLength = len;
        tx.responseChunked = chunked;
        startDecoder(s, m, tx, true);
        if (noBody) {
            completeMessage(s);
        } else if (chunked) {
            tx.responseProgress = HttpTx.PROGRESS_BODY;
            s.state = CHUNK_LEN;
            s.lineBufLen = 0;
        } else if (len >= 0) {
            if (len == 0) {
                completeMessage(s);
            } else {
                tx.responseProgress = HttpTx.PROGRESS_BODY;
                s.remaining = len;
                m.bodySizeHint = len;
                s.state = BODY_CL;
            }
        } else {
            tx.responseProgress = HttpTx.PROGRESS_BODY;
            s.state = BODY_CLOSE;
        }
    }

    /** Whether Transfer-Encoding names chunked; a value other than chunked or identity raises {@code invalid}. */
    private static boolean chunkedEncoding(HttpMessage m, HttpTx tx, HttpEvent invalid) {
        int te = m.findHeader(HttpTx.TRANSFER_ENCODING);
        if (te < 0) {
            return false;
        }
        if (HttpBytes.indexOfIgnoreCase(m.work, m.fVal[te], m.fValLen[te], CHUNKED) >= 0) {
            return true;
        }
        if (!HttpBytes.equalsIgnoreCase(m.work, m.fVal[te], m.fValLen[te], IDENTITY)) {
            tx.event(invalid);
        }
        return false;
    }

    /** The Content-Length value, -1 when absent or invalid (libhtp only flags an invalid one: no event, oracle). */
    private static long contentLength(HttpMessage m) {
        int cl = m.findHeader(HttpTx.CONTENT_LENGTH);
        return cl < 0 ? -1 : parseContentLength(m.work, m.fVal[cl], m.fValLen[cl]);
    }

    private void startDecoder(Side s, HttpMessage m, HttpTx tx, boolean enabled) {
        int kind = HttpBodyDecoder.NONE;
        int ce = m.findHeader(HttpTx.CONTENT_ENCODING);
        if (enabled && ce >= 0) {
            int v = m.fVal[ce], vl = m.fValLen[ce];
            if (HttpBytes.equalsIgnoreCase(m.work, v, vl, GZIP) || HttpBytes.equalsIgnoreCase(m.work, v, vl, X_GZIP)) {
                kind = HttpBodyDecoder.GZIP;
            } else if (HttpBytes.equalsIgnoreCase(m.work, v, vl, DEFLATE)
                    || HttpBytes.equalsIgnoreCase(m.work, v, vl, X_DEFLATE)) {
                kind = HttpBodyDecoder.DEFLATE;
            } else if (!HttpBytes.equalsIgnoreCase(m.work, v, vl, IDENTITY) && vl > 0) {
                int commas = 0;
                for (int i = v; i < v + vl; i++) {
                    if (m.work[i] == ',') {
                        commas++;
                    }
                }
                if (commas + 1 > cfg.decompressLayerLimit) {
                    tx.event(HttpEvent.TOO_MANY_ENCODING_LAYERS);
                } else if (commas == 0) {
                    tx.event(HttpEvent.ABNORMAL_CE_HEADER);
                }
            }
        }
        s.decoder.start(kind);
    }

    /** {@link #parseContentLength} of a value with no digits, or too large: libhtp's parser error. */
    static final long INVALID_LENGTH = -2;

    /**
     * libhtp's Content-Length (htp_parse_content_length): bytes before the first digit are skipped
     * ("extra data in the beginning": "-1" is 1), the digits are the value, what follows them is
     * ignored ("3 3" is 3); no digit at all, or an overflow, is {@link #INVALID_LENGTH}. Measured
     * with suricata 7.0.10: "", "abc" stop the parser, "12abc", "-1", "3 3" do not.
     */
    static long parseContentLength(byte[] b, int off, int len) {
        int p = off, e = off + len;
        while (p < e && (b[p] < '0' || b[p] > '9')) {
            p++;
        }
        if (p == e) {
            return INVALID_LENGTH;
        }
        long v = 0;
        for (; p < e && b[p] >= '0' && b[p] <= '9'; p++) {
            if (v > (Long.MAX_VALUE - 9) / 10) {
                return INVALID_LENGTH;
            }
            v = v * 10 + b[p] - '0';
        }
        return v;
    }

    /**
     * Framing libhtp refuses is a parser error (Suricata: the flow's HTTP parsing stops in both
     * directions, {@code event} on the message): a Content-Length it cannot read, a request
     * Transfer-Encoding without "chunked". The message stays at its headers' progress, whose header
     * buffers Suricata serves only past it (http.header, http.header.raw, http.header_names,
     * http.start absent; measured with suricata 7.0.10).
     */
    private void framingError(Side s, HttpTx tx, HttpMessage m, HttpEvent event) {
        tx.event(event);
        m.header.clear();
        m.headerRaw.clear();
        m.headerNames.clear();
        m.start.clear();
        stopParsing();
    }

    /** A parser error: nothing more of the flow is parsed, in either direction (Suricata's HTTP parser state). */
    private void stopParsing() {
        req.state = DEAD;
        res.state = DEAD;
        req.tx = null;
        res.tx = null;
    }

    private int bodyStep(Side s, byte[] d, int off, int end) {
        switch (s.state) {
            case BODY_CL, CHUNK_DATA -> {
                int n = (int) Math.min(s.remaining, end - off);
                body(s, d, off, n);
                s.remaining -= n;
                if (s.remaining == 0) {
                    if (s.state == BODY_CL) {
                        completeMessage(s);
                    } else {
                        s.state = CHUNK_DATA_END;
                    }
                }
                return off + n;
            }
            case CHUNK_DATA_END -> {
                // the CRLF after chunk data; libhtp accepts a bare LF and skips other bytes up to it
                msg(s).bodyWire++; // framing counts in libhtp's message length
                int b = d[off];
                if (b == '\n') {
                    s.state = CHUNK_LEN;
                    s.lineBufLen = 0;
                }
                return off + 1;
            }
            case CHUNK_LEN -> {
                int at = collectChunkLine(s, d, off, end);
                msg(s).bodyWire += (at == 0 ? end : at) - off;
                if (at == 0) {
                    return end;
                }
                chunkLength(s, d, at);
                return at;
            }
            case BODY_CLOSE -> {
                body(s, d, off, end - off);
                return end;
            }
            default -> {
                bytesDiscarded += end - off;
                return end;
            }
        }
    }

    private int collectChunkLine(Side s, byte[] d, int off, int end) {
        int lf = off;
        while (lf < end && d[lf] != '\n') {
            lf++;
        }
        int stop = lf;
        int n = Math.min(stop - off, CHUNK_LINE_MAX - s.lineBufLen);
        if (n > 0) {
            s.lineBuf = lineSized(s.lineBuf, s.lineBufLen + n);
            System.arraycopy(d, off, s.lineBuf, s.lineBufLen, n);
            s.lineBufLen += n;
        }
        if (lf == end) {
            return 0;
        }
        if (s.lineBufLen > 0 && s.lineBuf[s.lineBufLen - 1] == '\r') {
            s.lineBufLen--;
        }
        return lf + 1;
    }

    private void chunkLength(Side s, byte[] d, int at) {
        HttpTx tx = s.tx;
        byte[] b = s.lineBuf;
        int n = s.lineBufLen;
        s.lineBufLen = 0;
        int p = 0;
        while (p < n && HttpBytes.isSpace(b[p])) {
            p++;
        }
        if (p == n) {
            return; // empty lines before a chunk length are skipped
        }
        long len = 0;
        int digits = 0;
        boolean bad = false;
        while (p < n) {
            int h = HttpBytes.hex(b[p] & 0xff);
            if (h < 0) {
                break;
            }
            if (len > (Long.MAX_VALUE >> 4)) {
                bad = true;
                break;
            }
            len = len << 4 | h;
            digits++;
            p++;
        }
        // libhtp cuts anything after the hex digits; an extension is only reported for requests
        for (int q = p; q < n; q++) {
            if (b[q] == ';') {
                if (s.toServer) {
                    tx.event(HttpEvent.REQUEST_CHUNK_EXTENSION);
                }
                break;
            }
        }
        if (len > Integer.MAX_VALUE) {
            bad = true;
        }
        if (digits == 0 || bad) {
            tx.event(s.toServer ? HttpEvent.INVALID_REQUEST_CHUNK_LEN : HttpEvent.INVALID_RESPONSE_CHUNK_LEN);
            if (s.toServer) {
                // a parser error: Suricata stops the flow's HTTP parsing, responses included
                // (suricata 7.0.10: the response after it was not parsed)
                lose(s);
                stopParsing();
            } else {
                // libhtp: the response body is then read as identity until the connection closes
                s.state = BODY_CLOSE;
                body(s, b, 0, n);
            }
            return;
        }
        if (len == 0) {
            s.state = TRAILERS;
            s.lineBufLen = 0;
        } else {
            s.remaining = len;
            s.state = CHUNK_DATA;
        }
    }

    private void body(Side s, byte[] d, int off, int len) {
        if (len <= 0) {
            return;
        }
        HttpTx tx = s.tx;
        HttpMessage m = msg(s);
        m.bodyWire += len;
        int limit = s.toServer ? cfg.requestBodyLimit : cfg.responseBodyLimit;
        boolean wasTruncated = m.bodyTruncated;
        s.decoder.decode(d, off, len, m, limit, tx, cfg);
        if (m.bodyTruncated && !wasTruncated) {
            bodyTruncated++;
        }
    }

    private void completeMessage(Side s) {
        HttpTx tx = s.tx;
        if (tx == null) {
            return;
        }
        s.frameEndPending = s.frameSerial >= 0;
        if (s.toServer) {
            requestsCompleted++;
        } else {
            responsesCompleted++;
        }
        s.clearMessageState();
        s.finBodyLine = false;
        if (s.toServer) {
            // libhtp's REQ_FINALIZE completes the request only when the next line starts another
            // request, its input chunk ends at a line boundary, or the stream closes: lines in
            // between are still its body (finishRequest)
            tx.requestProgress = Math.max(tx.requestProgress, HttpTx.PROGRESS_BODY);
            s.state = FINALIZE;
            if (tx.isConnect) {
                tx.requestProgress = HttpTx.PROGRESS_COMPLETE;
                s.tx = null;
                s.state = CONNECT_WAIT;
                if (tx.responseProgress >= HttpTx.PROGRESS_HEADERS) {
                    s.state = (tx.statusNumber >= 200 && tx.statusNumber < 300) ? TUNNEL : IDLE;
                }
            }
        } else {
            tx.responseProgress = HttpTx.PROGRESS_COMPLETE;
            s.state = FINALIZE; // the transaction stays attached for trailing body lines
        }
    }

    /** Which state a direction is in (for tests and diagnostics). */
    int state(boolean toServer) {
        return (toServer ? req : res).state;
    }
}
