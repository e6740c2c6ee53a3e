package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.Slice;

/**
 * One side of a transaction (the request or the response): its raw start line and header
 * block, the header table libhtp would build (folded lines unfolded, repeated names joined with
 * ", "), the buffers Suricata derives from them, and the body as inspected (dechunked,
 * decompressed, capped). Storage is owned here and reused when the transaction is recycled.
 */
public final class HttpMessage {
    static final byte[] EMPTY = new byte[0];
    /** Body limits up to this size need no pooling: the body grows in arrays of its own. */
    static final int KEEP_ON_RECYCLE = 16 * 1024;
    /**
     * A body growing past this takes a buffer of its size class (powers of two from 4 KiB, the
     * body limit at most) from the thread's {@link BodyBuffers} rather than doubling in new arrays
     * (256, 512, ... each step a new array), and gives it back when it outgrows it or the
     * transaction is recycled: each flow keeps its pool of transactions while it lives, and a few
     * thousand open HTTP flows would otherwise hold their largest bodies.
     */
    static final int POOLED_FROM = 2 * 1024;

    // raw start line + header lines as received (capped at maxHeadBytes)
    byte[] head = EMPTY;
    int headLen;
    boolean headTruncated;
    // derived bytes: header entries, joined table, built buffers
    byte[] work = EMPTY;
    int workLen;
    byte[] body = EMPTY;
    /** {@link #body} is a size-class buffer taken from {@link BodyBuffers}: it goes back there when outgrown or recycled. */
    private boolean bodyPooled;
    int bodyLen;
    /**
     * The body's expected size (Content-Length), 0 when unknown: the first store allocates that
     * much (up to the limit) at once. Growing by doubling allocated twice the body in arrays
     * that each lived across several packets, so the collector promoted most of them; it was
     * most of what a scan allocates.
     */
    long bodySizeHint;
    /** Body bytes seen after dechunking/decompression, stored or not. */
    long bodyTotal;
    /** Body bytes on the wire (chunked framing excluded), the EVE "length" for responses. */
    long bodyWire;
    boolean bodyTruncated;
    /** Detection's view of the body (libhtp-config's body-minimal-inspect-size and body-limit of this side). */
    int inspectMinSize;
    int inspectLimit;
    /**
     * The flow ended (Suricata's flow-end pseudo packets carry STREAM_EOF to detection): an
     * unfinished body is inspected as it is. Set by {@code HttpParser.flowEnded}, not by the
     * earlier end of the TCP stream: Suricata inspects a cut-short request body only at flow end
     * (oracle), while a response cut short is finished by the close (libhtp) and so inspected.
     */
    boolean streamEnded;

    int startLineEnd; // start line length in head (without line ending)
    int headerBlockStart; // offset in head where the first header line begins

    // header entries in arrival order: offsets into work
    int entryCount;
    int[] eName = new int[8], eNameLen = new int[8], eVal = new int[8], eValLen = new int[8];
    // joined table in first-appearance order: offsets into work
    int fieldCount;
    int[] fName = new int[8], fNameLen = new int[8], fVal = new int[8], fValLen = new int[8];

    // offsets of built buffers in work
    int headerOff, headerLen, namesOff, namesLen, startOff, startLen;

    public final Slice startLine = new Slice();
    public final Slice method = new Slice(); // request: method; response: unused
    public final Slice uriRaw = new Slice(); // request only
    public final Slice protocol = new Slice();
    public final Slice statusCode = new Slice(); // response only
    public final Slice statusMessage = new Slice(); // response only
    public final Slice headerRaw = new Slice();
    public final Slice header = new Slice();
    public final Slice headerNames = new Slice();
    public final Slice start = new Slice();
    public final Slice bodySlice = new Slice();
    final Slice scratch = new Slice();
    /** Hashes of the body as a file, or null when no rule needs them. */
    FileDigests digests;

    /**
     * The transaction went back to the pool: a body buffer taken from the thread's
     * {@link BodyBuffers} goes back there (one that grew on its own, below {@link #POOLED_FROM} or
     * under a body limit that is not pooled, stays with the message as before pooling). Only the body: an alert on the transaction is written after
     * the release (its "http" object reads the head and the derived buffers), never from the body.
     */
    void recycle() {
        if (bodyPooled) {
            BodyBuffers.ofThisThread().give(body);
            bodyPooled = false;
            body = EMPTY;
            bodyLen = 0;
            bodySlice.clear();
        }
    }

    void reset() {
        perFieldLines = false;
        headLen = 0;
        headTruncated = false;
        workLen = 0;
        bodyLen = 0;
        bodySizeHint = 0;
        bodyTotal = 0;
        bodyWire = 0;
        bodyTruncated = false;
        streamEnded = false;
        startLineEnd = 0;
        headerBlockStart = 0;
        entryCount = 0;
        fieldCount = 0;
        headerOff = headerLen = namesOff = namesLen = startOff = startLen = 0;
        startLine.clear();
        method.clear();
        uriRaw.clear();
        protocol.clear();
        statusCode.clear();
        statusMessage.clear();
        headerRaw.clear();
        header.clear();
        headerNames.clear();
        start.clear();
        bodySlice.clear();
        if (digests != null) {
            digests.reset();
        }
    }

    /** Appends to the raw head; false (nothing stored) when the cap is reached. */
    boolean appendHead(byte[] src, int off, int len, int cap) {
        if (headLen + len > cap) {
            headTruncated = true;
            return false;
        }
        head = ensure(head, headLen + len, cap);
        System.arraycopy(src, off, head, headLen, len);
        headLen += len;
        return true;
    }

    /** Reserves {@code len} bytes of work space; -1 when over the cap. */
    int reserveWork(int len, int cap) {
        if (workLen + len > cap) {
            return -1;
        }
        work = ensure(work, workLen + len, cap);
        int at = workLen;
        workLen += len;
        return at;
    }

    int copyToWork(byte[] src, int off, int len, int cap) {
        int at = reserveWork(len, cap);
        if (at >= 0) {
            System.arraycopy(src, off, work, at, len);
        }
        return at;
    }

    /**
     * Whether detection may inspect the body yet: Suricata (HttpRequestBodyGetDataCallback and its
     * response twin) defers body inspection until the minimal inspect size or the body limit is
     * stored, the message is past its body, or the stream of that side ended; until then the
     * buffer is absent and body rules wait.
     */
    boolean bodyInspectable(boolean complete) {
        return complete || streamEnded || bodyLen >= inspectMinSize || (inspectLimit > 0 && bodyLen >= inspectLimit);
    }

    /** Stores body bytes up to {@code limit}; returns how many were kept. */
    int appendBody(byte[] src, int off, int len, int limit) {
        bodyTotal += len;
        if (digests != null) {
            digests.update(src, off, len);
        }
        int room = limit - bodyLen;
        int n = Math.min(room, len);
        if (n < len) {
            bodyTruncated = true;
        }
        if (n <= 0) {
            return 0;
        }
        body = growBody(bodyLen + n, limit);
        System.arraycopy(src, off, body, bodyLen, n);
        bodyLen += n;
        bodySlice.set(body, 0, bodyLen);
        return n;
    }

    /**
     * The body buffer with room for {@code need} bytes: a small body gets an array of its own;
     * past {@link #POOLED_FROM} it is a buffer of its size class from the thread's
     * {@link BodyBuffers} (a new one only when none is free): a body whose length the headers
     * announced takes the class that holds all of it, one of unknown length doubles through the
     * classes and gives each outgrown buffer back. In steady state a body allocates nothing, and a
     * 5 KiB body holds 8 KiB, not the whole limit (100 KiB by default) for as long as it lives.
     */
    private byte[] growBody(int need, int limit) {
        if (need <= body.length) {
            return body;
        }
        // a body of known length (Content-Length) needs no doubling: one buffer for all of it
        int target = bodySizeHint > 0 ? (int) Math.min(limit, Math.max(need, bodySizeHint)) : need;
        if (target <= POOLED_FROM || limit <= KEEP_ON_RECYCLE || limit > BodyBuffers.MAX_POOLED_SIZE) {
            return ensure(body, target, limit);
        }
        // target <= limit: appendBody stores at most up to the limit
        int size = BodyBuffers.sizeClass(bodySizeHint > 0 ? target : Math.max(target, body.length * 2), limit);
        BodyBuffers pool = BodyBuffers.ofThisThread();
        byte[] b = pool.take(size);
        if (b == null) {
            b = new byte[size];
        }
        System.arraycopy(body, 0, b, 0, bodyLen);
        if (bodyPooled) {
            pool.give(body); // outgrown: the next body of its class takes it
        }
        bodyPooled = true;
        return b;
    }

    static byte[] ensure(byte[] a, int need, int cap) {
        if (need <= a.length) {
            return a;
        }
        int n = Math.max(need, Math.min(cap, Math.max(256, a.length * 2)));
        byte[] b = new byte[n];
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }

    void addEntry(int name, int nameLen, int val, int valLen) {
        if (entryCount == eName.length) {
            int n = entryCount * 2;
            eName = java.util.Arrays.copyOf(eName, n);
            eNameLen = java.util.Arrays.copyOf(eNameLen, n);
            eVal = java.util.Arrays.copyOf(eVal, n);
            eValLen = java.util.Arrays.copyOf(eValLen, n);
        }
        eName[entryCount] = name;
        eNameLen[entryCount] = nameLen;
        eVal[entryCount] = val;
        eValLen[entryCount] = valLen;
        entryCount++;
    }

    void addField(int name, int nameLen, int val, int valLen) {
        if (fieldCount == fName.length) {
            int n = fieldCount * 2;
            fName = java.util.Arrays.copyOf(fName, n);
            fNameLen = java.util.Arrays.copyOf(fNameLen, n);
            fVal = java.util.Arrays.copyOf(fVal, n);
            fValLen = java.util.Arrays.copyOf(fValLen, n);
        }
        fName[fieldCount] = name;
        fNameLen[fieldCount] = nameLen;
        fVal[fieldCount] = val;
        fValLen[fieldCount] = valLen;
        fieldCount++;
    }

    public Slice headerValue(int i, Slice out) {
        return out.set(work, fVal[i], fValLen[i]);
    }

    /** Index of the header named {@code name} (ASCII, case-insensitive) in the joined table, or -1. */
    public int findHeader(byte[] name) {
        for (int i = 0; i < fieldCount; i++) {
            if (HttpBytes.equalsIgnoreCase(work, fName[i], fNameLen[i], name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of header {@code name}, or an empty slice. */
    public Slice headerValue(byte[] name, Slice out) {
        int i = findHeader(name);
        return i < 0 ? out.clear() : out.set(work, fVal[i], fValLen[i]);
    }

    private byte[] lineBuf = EMPTY;

    /**
     * Header {@code i} of the joined table as {@code "Name: value"} (Suricata 7's
     * http.request_header / http.response_header instances), built in storage this message owns
     * and reuses for the next call; false when there is no header {@code i}.
     */
    public boolean headerLine(int i, Slice out) {
        // HTTP/2: one instance per header field as it came (suricata 7.0.10: repeated names are
        // not joined, values not trimmed)
        if (i < 0 || i >= (perFieldLines ? entryCount : fieldCount)) {
            return false;
        }
        int name = (perFieldLines ? eName : fName)[i];
        int nameLen = (perFieldLines ? eNameLen : fNameLen)[i];
        int val = (perFieldLines ? eVal : fVal)[i];
        int valLen = (perFieldLines ? eValLen : fValLen)[i];
        int n = nameLen + 2 + valLen;
        if (lineBuf.length < n) {
            lineBuf = new byte[Math.max(n, 128)];
        }
        System.arraycopy(work, name, lineBuf, 0, nameLen);
        lineBuf[nameLen] = ':';
        lineBuf[nameLen + 1] = ' ';
        System.arraycopy(work, val, lineBuf, nameLen + 2, valLen);
        out.set(lineBuf, 0, n);
        return true;
    }

    /** {@link #headerLine} serves the header fields as they came rather than the joined table (HTTP/2). */
    boolean perFieldLines;

    /** Headers of the joined table (a repeated name once, its values joined with ", "): how many. */
    public int headerCount() {
        return fieldCount;
    }

    /** Header {@code i} of the joined table: its name into {@code name}, its value into {@code value}. */
    public void header(int i, Slice name, Slice value) {
        name.set(work, fName[i], fNameLen[i]);
        value.set(work, fVal[i], fValLen[i]);
    }

    /** Header fields as they came (repeated names not joined): how many. */
    public int fieldEntryCount() {
        return entryCount;
    }

    /** Header field {@code i} as it came: its name into {@code name}, its value into {@code value}. */
    public void fieldEntry(int i, Slice name, Slice value) {
        name.set(work, eName[i], eNameLen[i]);
        value.set(work, eVal[i], eValLen[i]);
    }

    /** Whether a header is present (even with an empty value). */
    public boolean hasHeader(byte[] name) {
        return findHeader(name) >= 0;
    }
}
