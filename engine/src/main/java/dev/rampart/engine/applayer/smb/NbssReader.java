package dev.rampart.engine.applayer.smb;

import java.util.Arrays;

/**
 * NetBIOS session service records of one direction (a 4-byte header: type, 24-bit length; then
 * that many bytes). A record's first {@link #HEAD} bytes go to the sink as soon as they are here:
 * a write or a read answer carrying file data then streams the rest as it comes (as Suricata's
 * parser reads a record's file data before the record's end: a file is opened, and its data
 * inspected, while the write is still arriving); any other record is handed on whole up to
 * {@link #WHOLE_MAX} bytes, and a longer one is skipped (counted by the sink). Any split of the
 * input gives the same calls. After a gap the framing is lost and the direction is read no more
 * ({@link #lost()}), as Suricata without its resynchronisation.
 */
final class NbssReader {
    /** Records up to this long are buffered and handed on whole. */
    static final int WHOLE_MAX = 128 * 1024;
    /** The head of a record the sink may choose to stream. */
    static final int HEAD = 512;

    interface Sink {
        /** A whole record of type {@code type} (0: a session message, the ones carrying SMB). */
        void record(int type, byte[] b, int off, int len);

        /**
         * The first {@link #HEAD} bytes of a session message of {@code total} bytes (longer than
         * that): true to stream the rest to {@link #largeData}; false to have it whole (or, past
         * {@link #WHOLE_MAX}, skipped: then the rest also goes to {@link #largeData}).
         */
        boolean largeHead(byte[] b, int len, long total);

        /** More of a streamed or skipped record: {@code pos} is where these bytes sit in it. */
        void largeData(long pos, byte[] b, int off, int len);

        void largeEnd();
    }

    private final Sink sink;
    private final byte[] header = new byte[4];
    private int headerHave;
    private int type;
    private long total;
    private long have;
    private byte[] buf = new byte[256];
    private boolean large;
    private boolean inRecord;
    private boolean lost;
    private long records;
    private long largeRecords;

    NbssReader(Sink sink) {
        this.sink = sink;
    }

    void onData(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end && !lost) {
            if (!inRecord) {
                header[headerHave++] = b[p++];
                if (headerHave < 4) {
                    continue;
                }
                headerHave = 0;
                type = header[0] & 0xFF;
                // 24 bits, as Suricata reads it (NetBIOS has 17; SMB2 over direct TCP 24)
                total = (header[1] & 0xFFL) << 16 | (header[2] & 0xFFL) << 8 | (header[3] & 0xFFL);
                have = 0;
                large = false;
                inRecord = true;
                if (total == 0) {
                    finish();
                }
                continue;
            }
            if (!large) {
                int n = (int) Math.min(total - have, end - p);
                if (have < HEAD && total > HEAD && type == 0) {
                    n = (int) Math.min(n, HEAD - have); // stop at the head: the sink may stream the rest
                }
                ensure((int) have + n);
                System.arraycopy(b, p, buf, (int) have, n);
                have += n;
                p += n;
                if (have == total) {
                    finish();
                } else if (have == HEAD && total > HEAD && type == 0) {
                    large = sink.largeHead(buf, HEAD, total) || total > WHOLE_MAX;
                }
                continue;
            }
            int n = (int) Math.min(total - have, end - p);
            sink.largeData(have, b, p, n);
            have += n;
            p += n;
            if (have == total) {
                finish();
            }
        }
    }

    private void finish() {
        inRecord = false;
        records++;
        if (large) {
            largeRecords++;
            sink.largeEnd();
        } else {
            sink.record(type, buf, 0, (int) total);
        }
        if (buf.length > 4096) {
            buf = new byte[256]; // a big record's buffer is not kept for the small ones after it
        }
    }

    private void ensure(int n) {
        if (buf.length < n) {
            buf = Arrays.copyOf(buf, Math.max(n, Math.min(WHOLE_MAX, buf.length * 2)));
        }
    }

    /** Bytes missing: the framing is lost (a large record's rest is ended as it is). */
    void onGap() {
        if (lost) {
            return;
        }
        if (inRecord && large) {
            sink.largeEnd();
        }
        lost = true;
    }

    boolean lost() {
        return lost;
    }

    long records() {
        return records;
    }

    long largeRecords() {
        return largeRecords;
    }
}
