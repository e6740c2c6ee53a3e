package dev.rampart.engine.applayer.krb5;

/**
 * A DER element header reader (identifier, then length) that keeps its last result in fields, so
 * reading allocates nothing. Kerberos messages are DER; what {@link #read} refuses is what Suricata's
 * der_read_element_header refuses (measured with suricata 7.0.10 on crafted datagrams): an indefinite
 * length (not DER), the reserved length byte 0xff, a length of more than 8 bytes; a header cut short
 * is incomplete. Long tag numbers and non-minimal or huge lengths read.
 */
final class Der {
    static final int OK = 0;
    /** The header runs past the bytes given. */
    static final int INCOMPLETE = 1;
    static final int ERROR = 2;

    static final int UNIVERSAL = 0;
    static final int APPLICATION = 1;
    static final int CONTEXT = 2;

    static final int SEQUENCE = 0x10;
    static final int INTEGER = 0x02;
    static final int GENERAL_STRING = 0x1b;

    /** Class of the last header read: {@link #UNIVERSAL}, {@link #APPLICATION}, {@link #CONTEXT}, 3 private. */
    int cls;
    boolean constructed;
    /** Tag number (a long one past 2^31 - 1 is kept as Integer.MAX_VALUE). */
    int tag;
    /** Content length as declared (may exceed what is there: see {@link #fits}). */
    long length;
    /** Where the content starts. */
    int content;

    /** Reads the header at {@code p} (bytes up to {@code end}): {@link #OK}, {@link #INCOMPLETE} or {@link #ERROR}. */
    int read(byte[] b, int p, int end) {
        if (p >= end) {
            return INCOMPLETE;
        }
        int id = b[p++] & 0xFF;
        cls = id >>> 6;
        constructed = (id & 0x20) != 0;
        tag = id & 0x1F;
        if (tag == 0x1F) {
            // high tag number form: base-128 digits, the last without the high bit
            // (any number of digits: Suricata's reader takes them all, measured; a number past 2^31 is kept as
            // Integer.MAX_VALUE, no tag Kerberos uses)
            long t = 0;
            while (true) {
                if (p >= end) {
                    return INCOMPLETE;
                }
                int d = b[p++] & 0xFF;
                t = Math.min(Integer.MAX_VALUE, t << 7 | (d & 0x7F));
                if ((d & 0x80) == 0) {
                    break;
                }
            }
            tag = (int) t;
        }
        if (p >= end) {
            return INCOMPLETE;
        }
        int l = b[p++] & 0xFF;
        if (l < 0x80) {
            length = l;
        } else if (l == 0x80 || l == 0xFF) {
            return ERROR; // indefinite (BER only) or reserved
        } else {
            int n = l & 0x7F;
            if (n > 8) {
                return ERROR;
            }
            if (end - p < n) {
                return INCOMPLETE;
            }
            // (non-minimal and huge lengths read, as Suricata's reader does: measured; past 2^63 it is kept as
            // Long.MAX_VALUE, which fits nothing)
            long v = 0;
            for (int i = 0; i < n; i++) {
                int d = b[p++] & 0xFF;
                v = (v & 0xFF00000000000000L) != 0 ? Long.MAX_VALUE : v << 8 | d;
            }
            if (v < 0) {
                v = Long.MAX_VALUE;
            }
            length = v;
        }
        content = p;
        return OK;
    }

    /** Whether the content of the last header lies within {@code end}. */
    boolean fits(int end) {
        return length <= end - content;
    }

    /** End of the content of the last header (only after {@link #fits}). */
    int contentEnd() {
        return content + (int) length;
    }
}
