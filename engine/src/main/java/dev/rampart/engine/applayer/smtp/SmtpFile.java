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
    /** Bytes dropped unseen because {@link #MAX_PENDING} were waiting. */
    long dropped;
    /** Of {@link #dropped}, what the session has counted already. */
    long droppedCounted;

    SmtpFile(String name) {
        this.name = name;
    }

    void append(byte[] b, int off, int len) {
        size += len;
        if (pending + len > MAX_PENDING) {
            int keep = Math.max(0, MAX_PENDING - pending);
            dropped += len - keep;
            len = keep;
        }
        if (pending + len > data.length) {
            data = java.util.Arrays.copyOf(data, Math.min(MAX_PENDING, Math.max(pending + len, data.length * 2)));
        }
        System.arraycopy(b, off, data, pending, len);
        pending += len;
    }

    void append(byte b) {
        if (pending < data.length) {
            size++;
            data[pending++] = b;
            return;
        }
        append(new byte[] {b}, 0, 1);
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
