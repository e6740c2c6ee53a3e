package dev.rampart.engine.applayer;

/**
 * Suricata-like protocol detection on the first bytes of one direction, as pure functions.
 *
 * <p>As in Suricata, a pattern matcher runs first: HTTP request methods followed by a space or
 * tab (case-insensitive) toward the server, {@code HTTP/} toward the client, TLS/SSL record
 * headers ({@code 16 03 0x} handshake toward the server, handshake/alert/application data toward
 * the client) and the SSLv2 ClientHello ({@code 01 03 0x} at offset 2). A direction whose bytes
 * match nothing yet stays {@link AppProto#UNKNOWN} until it holds at least the deepest pattern,
 * then pattern matching is done. DNS is found by Suricata's probing parser, which is registered
 * for port 53 only (its default detection-ports): the header must parse and the record counts
 * must fit the message ({@code 2 * (qd + an + ns + ar) <= length}); over TCP the message is
 * length-framed. When pattern matching and probing have both given up the result is
 * {@link AppProto#FAILED}.
 */
public final class AppProtoDetector {
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int DNS_PORT = 53;
    private static final int DNS_HEADER = 12;

    private static final String[] METHODS = {
        "GET", "PUT", "POST", "HEAD", "TRACE", "OPTIONS", "CONNECT", "DELETE", "PATCH", "PROPFIND",
        "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "CHECKOUT", "UNCHECKOUT", "CHECKIN",
        "UPDATE", "LABEL", "REPORT", "MKWORKSPACE", "MKACTIVITY", "MERGE", "INVALID", "VERSION-CONTROL",
        "BASELINE-CONTROL"
    };
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];
    /** Bytes a to-server direction needs before pattern matching can give up (longest method + blank). */
    static final int TO_SERVER_PM_DEPTH;
    /** To-client patterns: "HTTP/" (5), TLS record header (3), SSLv2 server hello version at 5..7. */
    static final int TO_CLIENT_PM_DEPTH = 7;

    static {
        int max = 5; // SSLv2 pattern ends at offset 5
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_BYTES[i] = METHODS[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            max = Math.max(max, METHOD_BYTES[i].length + 1);
        }
        TO_SERVER_PM_DEPTH = max;
    }

    private AppProtoDetector() {}

    /**
     * Detects the protocol of one direction from its first {@code len} bytes (the stream start for
     * TCP, one datagram for UDP). Ports are those of the packet (source, destination).
     */
    public static AppProto detect(int ipProto, boolean toServer, byte[] b, int off, int len, int sp, int dp) {
        if (ipProto == IPPROTO_UDP) {
            if (sp != DNS_PORT && dp != DNS_PORT) {
                return AppProto.FAILED;
            }
            return probeDns(b, off, len, len) == PROBE_DNS ? AppProto.DNS : AppProto.FAILED;
        }
        if (ipProto != IPPROTO_TCP || len <= 0) {
            return ipProto == IPPROTO_TCP ? AppProto.UNKNOWN : AppProto.FAILED;
        }
        AppProto pm = toServer ? matchToServer(b, off, len) : matchToClient(b, off, len);
        if (pm != AppProto.UNKNOWN) {
            return pm;
        }
        boolean pmDone = len >= (toServer ? TO_SERVER_PM_DEPTH : TO_CLIENT_PM_DEPTH);
        boolean ppDone = true;
        if (sp == DNS_PORT || dp == DNS_PORT) {
            int r = probeDnsTcp(b, off, len);
            if (r == PROBE_DNS) {
                return AppProto.DNS;
            }
            ppDone = r == PROBE_NOT_DNS;
        }
        return pmDone && ppDone ? AppProto.FAILED : AppProto.UNKNOWN;
    }

    private static AppProto matchToServer(byte[] b, int off, int len) {
        if (len >= 3 && b[off] == 0x16 && b[off + 1] == 0x03 && (b[off + 2] & 0xFF) <= 0x03) {
            return AppProto.TLS;
        }
        if (len >= 5 && b[off + 2] == 0x01 && b[off + 3] == 0x03 && (b[off + 4] & 0xFF) <= 0x03) {
            return AppProto.TLS; // SSLv2-framed ClientHello
        }
        for (byte[] m : METHOD_BYTES) {
            if (len > m.length && startsWithIgnoreCase(b, off, m)) {
                byte sep = b[off + m.length];
                if (sep == ' ' || sep == '\t') {
                    return AppProto.HTTP;
                }
            }
        }
        return AppProto.UNKNOWN;
    }

    private static AppProto matchToClient(byte[] b, int off, int len) {
        if (len >= 3 && b[off + 1] == 0x03 && (b[off + 2] & 0xFF) <= 0x03) {
            int type = b[off] & 0xFF;
            if (type == 0x15 || type == 0x16 || type == 0x17) {
                return AppProto.TLS;
            }
        }
        if (len >= 7 && b[off + 5] == 0x00 && b[off + 6] == 0x02) {
            return AppProto.TLS; // SSLv2 ServerHello version
        }
        if (len >= 5 && startsWithIgnoreCase(b, off, HTTP_SLASH)) {
            return AppProto.HTTP;
        }
        return AppProto.UNKNOWN;
    }

    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    private static boolean startsWithIgnoreCase(byte[] b, int off, byte[] upper) {
        for (int i = 0; i < upper.length; i++) {
            int c = b[off + i];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != upper[i]) {
                return false;
            }
        }
        return true;
    }

    public static final int PROBE_DNS = 0;
    public static final int PROBE_NOT_DNS = 1;
    public static final int PROBE_NEED_MORE = 2;

    /** TCP DNS: 2-byte length, then the message; the header alone decides when the rest is not here yet. */
    public static int probeDnsTcp(byte[] b, int off, int len) {
        if (len < 2 + DNS_HEADER) {
            return PROBE_NEED_MORE;
        }
        int msgLen = (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
        if (msgLen < DNS_HEADER) {
            return PROBE_NOT_DNS;
        }
        return probeDns(b, off + 2, Math.min(len - 2, msgLen), msgLen);
    }

    /**
     * Suricata's DNS probe over {@code have} bytes of a message of {@code msgLen}: with the whole
     * message the header and questions must parse, otherwise only the header is checked.
     */
    public static int probeDns(byte[] b, int off, int have, int msgLen) {
        if (have < DNS_HEADER) {
            return have < msgLen ? PROBE_NEED_MORE : PROBE_NOT_DNS;
        }
        int qd = u16(b, off + 4);
        int an = u16(b, off + 6);
        int ns = u16(b, off + 8);
        int ar = u16(b, off + 10);
        if (have >= msgLen) {
            int p = off + DNS_HEADER;
            int end = off + msgLen;
            for (int i = 0; i < qd; i++) {
                p = skipName(b, p, end);
                if (p < 0 || p + 4 > end) {
                    return PROBE_NOT_DNS;
                }
                p += 4;
            }
        }
        long minSize = 2L * (qd + an + ns + ar);
        return minSize > msgLen ? PROBE_NOT_DNS : PROBE_DNS;
    }

    /** Skips a (possibly compressed) name; -1 when it runs past end. */
    static int skipName(byte[] b, int p, int end) {
        int labels = 0;
        while (p < end) {
            int l = b[p] & 0xFF;
            if (l == 0) {
                return p + 1;
            }
            if ((l & 0xC0) == 0xC0) {
                return p + 2 <= end ? p + 2 : -1;
            }
            if ((l & 0xC0) != 0 || ++labels > 255) {
                return -1;
            }
            p += 1 + l;
        }
        return -1;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }
}
