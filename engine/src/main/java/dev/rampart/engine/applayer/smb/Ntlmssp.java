package dev.rampart.engine.applayer.smb;

/**
 * The user and domain of an NTLMSSP AUTHENTICATE message (type 3) inside a session setup's
 * security blob, bare or in a GSS-API / SPNEGO token (found by its signature; suricata 7.0.10
 * reads both). As Suricata's record parser, a message whose buffers point outside it, or whose
 * names point into its signature and type, is not read at all.
 * The names are UTF-16LE or OEM; as Suricata, their zero bytes are dropped.
 */
final class Ntlmssp {
    private static final byte[] SIGNATURE = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    private static final int AUTH = 3;
    private static final long NEGOTIATE_VERSION = 0x02000000L;

    private Ntlmssp() {
    }

    /** Reads the blob into the session setup transaction; false when it holds no AUTHENTICATE message. */
    static boolean read(byte[] b, int off, int len, SmbTx tx) {
        int end = off + len;
        int m = indexOf(b, off, end);
        if (m < 0 || end - m < 64 || le32(b, m + 8) != AUTH) {
            return false;
        }
        // as Suricata's record parser: every buffer's offset inside the message, and the names'
        // offsets past the signature and type (else the whole message is not read)
        long recordLen = end - m;
        for (int at = 12; at <= 52; at += 8) {
            if (le16(b, m + at) >= recordLen || le32(b, m + at + 4) >= recordLen) {
                return false;
            }
        }
        byte[] domain = field(b, m, end, 28);
        byte[] user = field(b, m, end, 36);
        byte[] host = field(b, m, end, 44);
        if (domain == null || user == null || host == null) {
            return false;
        }
        tx.ntlmDomain = domain;
        tx.ntlmUser = user;
        tx.ntlmHost = host;
        if ((le32(b, m + 60) & NEGOTIATE_VERSION) != 0 && end - m >= 72) {
            tx.ntlmVersion = (b[m + 64] & 0xFF) + "." + (b[m + 65] & 0xFF) + " build " + le16(b, m + 66) + " rev "
                    + (b[m + 71] & 0xFF);
        }
        return true;
    }

    /** A security buffer (length, allocated, offset from the message) read without its zero bytes. */
    private static byte[] field(byte[] b, int msg, int end, int at) {
        int len = le16(b, msg + at);
        long off = le32(b, msg + at + 4);
        if (off < 12 || msg + off + len > end) {
            return null;
        }
        return SmbSession.dropZeros(b, (int) (msg + off), len);
    }

    private static int indexOf(byte[] b, int from, int end) {
        outer:
        for (int i = from; i + SIGNATURE.length <= end; i++) {
            for (int k = 0; k < SIGNATURE.length; k++) {
                if (b[i + k] != SIGNATURE[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int le16(byte[] b, int p) {
        return Smb2.u16(b, p);
    }

    private static long le32(byte[] b, int p) {
        return Smb2.u32(b, p);
    }
}
