package dev.rampart.engine.applayer.smtp;

import dev.rampart.engine.applayer.Slice;

/**
 * One MIME attachment of a mail, decoded, as detection's {@code file.data} sees it: the bytes not
 * inspected yet (Suricata inspects each SMTP file from where its last inspection ended, with no
 * look-back), whether the part has ended, and its name.
 */
public final class SmtpFile {
    /** Suricata's smtp inspected-tracker content-inspect-min-size default: an open file waits for this much. */
    static final int INSPECT_MIN_SIZE = 32768;
    /**
     * Bytes kept waiting for inspection; past it the oldest are dropped and counted (detection, when
     * it runs, takes them long before: it inspects from {@link #INSPECT_MIN_SIZE} on).
     */
    static final int MAX_PENDING = 1 << 20;

    final String name;
    /** Decoded bytes from {@link #inspected} to {@link #size}. */
    private byte[] data = new byte[256];
    private int pending;
    /** Bytes of the file so far. */
    long size;
    /** Bytes detection has inspected (Suricata's content_inspected). */
    long inspected;
    boolean closed;
    /** A part of a multipart (listed as an attachment in the alert's "email" object). */
    boolean part;
    /** Where bytes dropped unseen because {@link #MAX_PENDING} were waiting are counted. */
    private final SmtpCounters counters;

    SmtpFile(String name, SmtpCounters counters) {
        this.name = name;
        this.counters = counters;
    }

    void append(byte[] b, int off, int len) {
        size += len;
        int keep = room(len);
        System.arraycopy(b, off, data, pending, keep);
        pending += keep;
    }

    void append(byte b) {
        size++;
        if (room(1) == 1) {
            data[pending++] = b;
        }
    }

    /** Of {@code len} more bytes, how many are kept (the buffer grown for them); the rest are counted as dropped. */
    private int room(int len) {
        int keep = Math.min(len, MAX_PENDING - pending);
        counters.fileBytesDropped += len - keep;
        if (pending + keep > data.length) {
            data = java.util.Arrays.copyOf(data, Math.min(MAX_PENDING, Math.max(pending + keep, data.length * 2)));
        }
        return keep;
    }

    /**
     * Whether detection inspects it now (Suricata's FiledataGetDataCallback for SMTP): new bytes,
     * and the part has ended, or {@link #INSPECT_MIN_SIZE} bytes are there, or the flow ended.
     */
    boolean inspectable(boolean eof) {
        return size > inspected && (closed || eof || size >= INSPECT_MIN_SIZE);
    }

    /** The bytes not inspected yet. */
    void uninspected(Slice out) {
        out.set(data, 0, pending);
    }

    /** Detection inspected everything there is: the buffer starts over. */
    void markInspected() {
        inspected = size;
        pending = 0;
    }

    public String name() {
        return name;
    }

    public long size() {
        return size;
    }

    public boolean closed() {
        return closed;
    }
}
