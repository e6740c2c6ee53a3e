package dev.rampart.engine.applayer.smb;

import java.util.Arrays;

/**
 * NetBIOS session service records of one direction (a 4-byte header: type, 24-bit length; then
 * that many bytes), handed on whole up to {@link #WHOLE_MAX} bytes. A longer record (a large
 * write or read) is handed on as its first {@link #HEAD} bytes and then streamed, so a flow never
 * holds more than one small record. Any split of the input gives the same calls. After a gap
 * the framing is lost and the direction is read no more ({@link #lost()}), as Suricata without
 * its resynchronisation.
 */
final class NbssReader {
    /** Records up to this long are buffered and handed on whole. */
    static final int WHOLE_MAX = 128 * 1024;
    /** The head of a longer record handed on before its rest streams. */
    static final int HEAD = 512;

    interface Sink {
        /** A whole record of type {@code type} (0: a session message, the ones carrying SMB). */
        void record(int type, byte[] b, int off, int len);

        /** The first {@link #HEAD} bytes of a record of {@code total} bytes; the rest follows. */
        void largeHead(byte[] b, int len, long total);

        /** More of the large record: {@code pos} is where these bytes sit in it. */
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
                large = total > WHOLE_MAX;
                inRecord = true;
                if (total == 0) {
                    finish();
                }
                continue;
            }
            if (!large) {
                int n = (int) Math.min(total - have, end - p);
                ensure((int) have + n);
                System.arraycopy(b, p, buf, (int) have, n);
                have += n;
                p += n;
                if (have == total) {
                    finish();
                }
                continue;
            }
            if (have < HEAD) {
                int n = (int) Math.min(HEAD - have, end - p);
                ensure(HEAD);
                System.arraycopy(b, p, buf, (int) have, n);
                have += n;
                p += n;
                if (have == HEAD) {
                    sink.largeHead(buf, HEAD, total);
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
        if (inRecord && large && have >= HEAD) {
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
