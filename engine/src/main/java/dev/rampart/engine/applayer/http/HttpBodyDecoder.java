package dev.rampart.engine.applayer.http;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Content-Encoding gzip / deflate for one direction, reused for every message. Inflates into a
 * fixed scratch and hands the output to the message body, which stops at its limit; once the
 * limit is reached nothing more is inflated, which also bounds work per body. On corrupt input the
 * rest of the body passes through undecoded (as libhtp does) and GZIP_DECOMPRESSION_FAILED is set.
 * Zlib-wrapped and raw deflate are both accepted for "deflate".
 */
final class HttpBodyDecoder {
    static final int NONE = 0, GZIP = 1, DEFLATE = 2;

    /**
     * Inflate output of the thread: the body takes each piece before the next inflate, so one
     * scratch serves every decoder of the thread. Per decoder it was 8 KiB per direction of every
     * flow with an encoded body, kept for the flow's life (promoted, then old-generation garbage).
     */
    private static final ThreadLocal<byte[]> OUTPUT = ThreadLocal.withInitial(() -> new byte[8192]);
    /** The inflater of the body in progress, taken from the thread's {@link InflaterPool}; null when none. */
    private Inflater active;
    private boolean activeRaw;
    /** The deflate stream of this body ended: later bytes (a gzip trailer) are not inflated. */
    private boolean streamEnd;
    private int kind;
    private boolean failed;
    // gzip header parsing
    private int hdrPos;
    private int flags;
    private int extraLeft;
    private int hdrStage; // 0 fixed 10 bytes, 1 xlen lo, 2 xlen hi, 3 extra, 4 name, 5 comment, 6 crc, 7 done
    private long inTotal;
    private long outTotal;

    void start(int kind) {
        giveBack();
        this.kind = kind;
        failed = false;
        streamEnd = false;
        hdrPos = 0;
        flags = 0;
        extraLeft = 0;
        hdrStage = 0;
        inTotal = 0;
        outTotal = 0;
    }

    int kind() {
        return kind;
    }

    /** The flow is over: the inflater of an unfinished body goes back to the thread's pool. */
    void close() {
        giveBack();
    }

    /** Whether an inflater is held (a compressed body in progress). */
    boolean holdsInflater() {
        return active != null;
    }

    private void giveBack() {
        if (active != null) {
            InflaterPool.ofThisThread().give(active, activeRaw);
            active = null;
        }
    }

    /** Decodes {@code len} bytes into {@code m}'s body; events go to {@code tx}. */
    void decode(byte[] d, int off, int len, HttpMessage m, int limit, HttpTx tx, HttpConfig cfg) {
        if (kind == NONE || failed) {
            m.appendBody(d, off, len, limit);
            return;
        }
        if (m.bodyLen >= limit) {
            m.bodyTruncated = true;
            return;
        }
        inTotal += len;
        if (streamEnd) {
            return;
        }
        int end = off + len;
        if (kind == GZIP) {
            while (off < end && hdrStage < 7) {
                off = gzipHeader(d, off, end);
                if (failed) {
                    tx.event(HttpEvent.GZIP_DECOMPRESSION_FAILED);
                    m.appendBody(d, off, end - off, limit);
                    return;
                }
            }
            if (active == null && hdrStage == 7) {
                active = raw();
            }
        } else if (active == null && off < end) {
            int b0 = d[off] & 0xff;
            boolean zlibHeader = (b0 & 0x0f) == 8 && (b0 >> 4) <= 7;
            if (zlibHeader && off + 1 < end) {
                zlibHeader = ((b0 << 8) | (d[off + 1] & 0xff)) % 31 == 0;
            }
            active = zlibHeader ? zlib() : raw();
        }
        if (active == null || off >= end) {
            return;
        }
        byte[] out = OUTPUT.get();
        active.setInput(d, off, end - off);
        try {
            while (!active.needsInput() && !active.finished() && m.bodyLen < limit) {
                int n = active.inflate(out, 0, out.length);
                if (n == 0 && (active.needsDictionary() || (!active.needsInput() && !active.finished()))) {
                    if (active.needsDictionary()) {
                        throw new DataFormatException("dictionary");
                    }
                    break;
                }
                outTotal += n;
                m.appendBody(out, 0, n, limit);
                if (outTotal > cfg.compressionBombLimit && outTotal > inTotal * cfg.compressionRatioLimit) {
                    tx.event(HttpEvent.COMPRESSION_BOMB);
                    failed = true;
                    giveBack();
                    return;
                }
            }
            if (m.bodyLen >= limit) {
                m.bodyTruncated = true;
            }
            // nothing more is inflated for this body once its stream ended or it reached the limit
            // (the limit test at the top returns first from then on)
            if (active.finished() || m.bodyLen >= limit) {
                streamEnd = active.finished();
                giveBack();
            }
        } catch (DataFormatException e) {
            failed = true;
            tx.event(HttpEvent.GZIP_DECOMPRESSION_FAILED);
            int left = active.getRemaining();
            giveBack(); // the rest of the body passes through undecoded
            m.appendBody(d, end - left, left, limit);
        }
    }

    private Inflater raw() {
        activeRaw = true;
        return InflaterPool.ofThisThread().take(true);
    }

    private Inflater zlib() {
        activeRaw = false;
        return InflaterPool.ofThisThread().take(false);
    }

    /** Consumes gzip header bytes (RFC 1952); returns the new offset. */
    private int gzipHeader(byte[] d, int off, int end) {
        while (off < end && hdrStage < 7) {
            int b = d[off] & 0xff;
            switch (hdrStage) {
                case 0 -> {
                    if ((hdrPos == 0 && b != 0x1f) || (hdrPos == 1 && b != 0x8b) || (hdrPos == 2 && b != 8)) {
                        failed = true;
                        return off;
                    }
                    if (hdrPos == 3) {
                        flags = b;
                    }
                    off++;
                    if (++hdrPos == 10) {
                        hdrStage = 1;
                        advance();
                    }
                }
                case 1 -> {
                    extraLeft = b;
                    off++;
                    hdrStage = 2;
                }
                case 2 -> {
                    extraLeft |= b << 8;
                    off++;
                    hdrStage = 3;
                    if (extraLeft == 0) {
                        hdrStage = 4;
                        advance();
                    }
                }
                case 3 -> {
                    int n = Math.min(extraLeft, end - off);
                    off += n;
                    extraLeft -= n;
                    if (extraLeft == 0) {
                        hdrStage = 4;
                        advance();
                    }
                }
                case 4, 5 -> {
                    off++;
                    if (b == 0) {
                        hdrStage++;
                        advance();
                    }
                }
                case 6 -> {
                    off++;
                    if (++extraLeft == 2) {
                        hdrStage = 7;
                    }
                }
                default -> hdrStage = 7;
            }
        }
        return off;
    }

    /** Skips optional gzip header parts whose flag is not set. */
    private void advance() {
        if (hdrStage == 1 && (flags & 4) == 0) {
            hdrStage = 4;
        }
        if (hdrStage == 4 && (flags & 8) == 0) {
            hdrStage = 5;
        }
        if (hdrStage == 5 && (flags & 16) == 0) {
            hdrStage = 6;
        }
        if (hdrStage == 6) {
            extraLeft = 0;
            if ((flags & 2) == 0) {
                hdrStage = 7;
            }
        }
    }
}
