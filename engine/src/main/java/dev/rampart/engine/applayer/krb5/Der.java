package dev.rampart.engine.applayer.krb5;

/**
 * A DER element header reader (identifier, then length) that keeps its last result in fields, so
 * reading allocates nothing. Kerberos messages are DER; what {@link #read} refuses is what Suricata's
 * der_read_element_header refuses: an indefinite length (not DER), the reserved length byte 0xff, a
 * length wider than 8 bytes.
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
    static final int OCTET_STRING = 0x04;
    static final int GENERAL_STRING = 0x1b;

    /** Class of the last header read: {@link #UNIVERSAL}, {@link #APPLICATION}, {@link #CONTEXT}, 3 private. */
    int cls;
    boolean constructed;
    /** Tag number (multi-byte tags up to 28 bits). */
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
            tag = 0;
            for (int n = 0; ; n++) {
                if (p >= end) {
                    return INCOMPLETE;
                }
                if (n == 4) {
                    return ERROR; // wider than 28 bits
                }
                int d = b[p++] & 0xFF;
                tag = tag << 7 | (d & 0x7F);
                if ((d & 0x80) == 0) {
                    break;
                }
            }
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
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | (b[p++] & 0xFF);
            }
            if (v < 0) {
                return ERROR;
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
