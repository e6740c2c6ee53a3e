package dev.rampart.engine.applayer.smb;

/**
 * NetBIOS session service framing of one direction: a 4-byte header (type, 24-bit length, as
 * Suricata reads it) then that many bytes. Counts the records that ended; any split of the
 * input gives the same count. After a gap the position in the framing is lost and counting stops
 * (counted in {@link #lostAfterGap()}).
 */
public final class NbssFramer {
    private final byte[] header = new byte[4];
    private int headerHave;
    /** Bytes of the current record's body still to come; 0 when between records. */
    private long bodyLeft;
    private boolean inBody;
    private boolean lost;
    private long records;
    private long sessionMessages;
    private long lostAfterGap;

    /** Feeds in-order bytes. */
    public void onData(byte[] b, int off, int len) {
        if (lost) {
            return;
        }
        int end = off + len;
        int p = off;
        while (p < end) {
            if (inBody) {
                long n = Math.min(bodyLeft, end - p);
                bodyLeft -= n;
                p += (int) n;
                if (bodyLeft == 0) {
                    recordEnded();
                }
                continue;
            }
            header[headerHave++] = b[p++];
            if (headerHave == 4) {
                headerHave = 0;
                bodyLeft = (header[1] & 0xFFL) << 16 | (header[2] & 0xFFL) << 8 | (header[3] & 0xFFL);
                if (header[0] == 0) {
                    sessionMessages++;
                }
                if (bodyLeft == 0) {
                    recordEnded();
                } else {
                    inBody = true;
                }
            }
        }
    }

    /** Bytes missing from the stream: a gap inside a body only shortens it, elsewhere framing is lost. */
    public void onGap(long len) {
        if (lost) {
            return;
        }
        if (inBody && headerHave == 0 && len < bodyLeft) {
            bodyLeft -= len;
            return;
        }
        if (inBody && len == bodyLeft) {
            bodyLeft = 0;
            recordEnded();
            return;
        }
        lost = true;
        lostAfterGap++;
    }

    private void recordEnded() {
        inBody = false;
        records++;
    }

    /** Records (header and body) seen to their end. */
    public long records() {
        return records;
    }

    /** Records of type session message (0x00), the ones carrying SMB. */
    public long sessionMessages() {
        return sessionMessages;
    }

    /** Whether a gap made the framing unknown. */
    public boolean lost() {
        return lost;
    }

    public long lostAfterGap() {
        return lostAfterGap;
    }
}
