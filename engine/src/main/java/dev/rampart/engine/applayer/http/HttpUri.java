package dev.rampart.engine.applayer.http;

/**
 * Builds Suricata's normalised {@code http.uri} from the raw request URI, as libhtp's IDS
 * personality and Suricata 7's defaults do (checked against suricata 7.0.10):
 * <ul>
 *   <li>path: %XX and %uXXXX decoded (invalid escapes kept as they are), encoded separators
 *   decoded, backslash to slash, repeated slashes compressed, overlong/best-fit UTF-8 folded to
 *   ASCII (else '?'), then dot segments removed; case is kept;</li>
 *   <li>query: only valid %XX decoded ('+' kept, no %u, no path rules);</li>
 *   <li>fragment: valid %XX decoded; scheme and authority of an absolute URI dropped.</li>
 * </ul>
 * Output is never longer than the input, so callers reserve {@code len} bytes.
 */
public final class HttpUri {
    private HttpUri() {}

    /** Result of {@link #parseAuthority}: where the hostname and port of an absolute URI lie. */
    static final class Authority {
        int hostOff = -1, hostLen, port = -1;
        boolean badPort;
        boolean hadColon;
        int pathStart;
        /** Set by normalize: a double-decoded component still held %XX after one decoding. */
        boolean doubleEncoded;
    }

    /**
     * If {@code src} is an absolute URI (scheme://authority...), records the authority's host and
     * port and returns the offset of the path; otherwise returns {@code off} with hostOff = -1.
     */
    static int parseAuthority(byte[] src, int off, int len, Authority a) {
        a.hostOff = -1;
        a.hostLen = 0;
        a.port = -1;
        a.badPort = false;
        int end = off + len;
        int i = off;
        while (i < end && isSchemeChar(src[i] & 0xff)) {
            i++;
        }
        if (i == off || i + 3 > end || src[i] != ':' || src[i + 1] != '/' || src[i + 2] != '/') {
            a.pathStart = off;
            return off;
        }
        int authStart = i + 3;
        int authEnd = authStart;
        while (authEnd < end && src[authEnd] != '/' && src[authEnd] != '?' && src[authEnd] != '#') {
            authEnd++;
        }
        int hostStart = authStart;
        for (int k = authEnd - 1; k >= authStart; k--) {
            if (src[k] == '@') {
                hostStart = k + 1;
                break;
            }
        }
        hostPort(src, hostStart, authEnd - hostStart, a);
        a.pathStart = authEnd;
        return authEnd;
    }

    /**
     * Splits "host[:port]" (or "[v6][:port]") as libhtp's htp_parse_hostport: an empty or
     * unparseable port, port 0 or above 65535, and a bad IPv6 literal make it invalid (badPort).
     */
    static void hostPort(byte[] src, int off, int len, Authority a) {
        int end = off + len;
        while (off < end && HttpBytes.isSpace(src[off])) {
            off++;
        }
        while (end > off && HttpBytes.isSpace(src[end - 1])) {
            end--;
        }
        a.hostOff = off;
        a.hostLen = 0;
        a.port = -1;
        a.badPort = false;
        a.hadColon = false;
        if (off == end) {
            a.badPort = true;
            return;
        }
        int colon = -1;
        if (src[off] == '[') {
            int close = off;
            while (close < end && src[close] != ']') {
                close++;
            }
            if (close == end) {
                a.hostLen = end - off;
                a.badPort = true;
                return;
            }
            a.hostLen = close + 1 - off;
            if (close + 1 == end) {
                return;
            }
            if (src[close + 1] != ':') {
                a.badPort = true;
                return;
            }
            colon = close + 1;
        } else {
            for (int k = off; k < end; k++) {
                if (src[k] == ':') {
                    colon = k;
                    break;
                }
            }
            if (colon < 0) {
                a.hostLen = end - off;
                return;
            }
            int he = colon;
            while (he > off && HttpBytes.isSpace(src[he - 1])) {
                he--;
            }
            a.hostLen = he - off;
        }
        a.hadColon = true;
        int p = colon + 1;
        while (p < end && HttpBytes.isLws(src[p])) {
            p++;
        }
        long v = 0;
        int digits = 0;
        while (p < end && src[p] >= '0' && src[p] <= '9' && v < 100000) {
            v = v * 10 + (src[p] - '0');
            digits++;
            p++;
        }
        while (p < end && HttpBytes.isLws(src[p])) {
            p++;
        }
        if (digits == 0 || p != end || v <= 0 || v >= 65536) {
            a.badPort = true;
        } else {
            a.port = (int) v;
        }
    }

    private static boolean isSchemeChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-'
                || c == '.';
    }

    /**
     * Writes the normalised form of raw URI {@code src[off, off+len)} to {@code out} at
     * {@code outOff} and returns its length. {@code pathStart} comes from {@link #parseAuthority}.
     */
    static int normalize(byte[] src, int off, int len, int pathStart, byte[] out, int outOff) {
        return normalize(src, off, len, pathStart, out, outOff, false, false, null);
    }

    /**
     * As {@link #normalize(byte[], int, int, int, byte[], int)}; with {@code doublePath} /
     * {@code doubleQuery} (libhtp's double-decode-path/-query) a component that still holds a
     * valid %XX after one decoding is decoded again and {@code a.doubleEncoded} is set (oracle:
     * "/a%2541" is "/aA" with the event, and neither without the setting).
     */
    static int normalize(byte[] src, int off, int len, int pathStart, byte[] out, int outOff, boolean doublePath,
            boolean doubleQuery, Authority a) {
        int end = off + len;
        int q = pathStart;
        while (q < end && src[q] != '?' && src[q] != '#') {
            q++;
        }
        int w = outOff;
        // path: decode, separators, utf-8 best fit, dot segments
        int pathOut = w;
        w = decodePath(src, pathStart, q, out, w);
        if (doublePath && hasPercentHex(out, pathOut, w)) {
            a.doubleEncoded = true;
            w = decodePath(out, pathOut, w, out, pathOut); // in place: decoding never grows
        }
        w = utf8BestFit(out, pathOut, w);
        w = removeDotSegments(out, pathOut, w);
        int i = q;
        if (i < end && src[i] == '?') {
            out[w++] = '?';
            i++;
            int qe = i;
            while (qe < end && src[qe] != '#') {
                qe++;
            }
            int queryOut = w;
            w = decodeQuery(src, i, qe, out, w);
            if (doubleQuery && hasPercentHex(out, queryOut, w)) {
                a.doubleEncoded = true;
                w = decodeQuery(out, queryOut, w, out, queryOut);
            }
            i = qe;
        }
        // '#' and the fragment: valid %XX decoded like the query (oracle: "#x%41" -> "#xA")
        w = decodeQuery(src, i, end, out, w);
        return w - outOff;
    }

    private static boolean hasPercentHex(byte[] b, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if (b[i] == '%' && HttpBytes.hex(b[i + 1] & 0xff) >= 0 && HttpBytes.hex(b[i + 2] & 0xff) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Query: valid %XX decoded, everything else kept; may run in place (w never passes the read index). */
    private static int decodeQuery(byte[] src, int from, int to, byte[] out, int w) {
        int i = from;
        while (i < to) {
            int c = src[i] & 0xff;
            if (c == '%' && i + 2 < to) {
                int h = HttpBytes.hex(src[i + 1] & 0xff);
                int l = HttpBytes.hex(src[i + 2] & 0xff);
                if (h >= 0 && l >= 0) {
                    out[w++] = (byte) (h << 4 | l);
                    i += 3;
                    continue;
                }
            }
            out[w++] = (byte) c;
            i++;
        }
        return w;
    }

    private static int decodePath(byte[] src, int from, int to, byte[] out, int w) {
        int start = w;
        int i = from;
        while (i < to) {
            int c = src[i] & 0xff;
            if (c == '%') {
                if (i + 6 <= to && (src[i + 1] == 'u' || src[i + 1] == 'U')) {
                    int h1 = HttpBytes.hex(src[i + 2] & 0xff), h2 = HttpBytes.hex(src[i + 3] & 0xff);
                    int h3 = HttpBytes.hex(src[i + 4] & 0xff), h4 = HttpBytes.hex(src[i + 5] & 0xff);
                    if (h1 >= 0 && h2 >= 0 && h3 >= 0 && h4 >= 0) {
                        int hi = h1 << 4 | h2;
                        int lo = h3 << 4 | h4;
                        c = hi == 0 ? lo : (hi == 0xff && lo <= 0x5e ? lo + 0x20 : '?');
                        i += 6;
                        w = putPathByte(out, start, w, c);
                        continue;
                    }
                } else if (i + 3 <= to) {
                    int h = HttpBytes.hex(src[i + 1] & 0xff);
                    int l = HttpBytes.hex(src[i + 2] & 0xff);
                    if (h >= 0 && l >= 0) {
                        i += 3;
                        w = putPathByte(out, start, w, h << 4 | l);
                        continue;
                    }
                }
            }
            i++;
            w = putPathByte(out, start, w, c);
        }
        return w;
    }

    private static int putPathByte(byte[] out, int start, int w, int c) {
        if (c == '\\') {
            c = '/';
        }
        if (c == '/' && w > start && out[w - 1] == '/') {
            return w; // compress separators
        }
        out[w++] = (byte) c;
        return w;
    }

    /** In place: valid multi-byte UTF-8 becomes its ASCII best fit (overlong, full-width) or '?'. */
    private static int utf8BestFit(byte[] b, int from, int to) {
        int r = from;
        int w = from;
        while (r < to) {
            int c = b[r] & 0xff;
            int need = c >= 0xc0 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf8 ? 3 : 0;
            if (need > 0 && r + need < to) {
                boolean ok = true;
                int cp = c & (need == 1 ? 0x1f : need == 2 ? 0x0f : 0x07);
                for (int k = 1; ok && k <= need; k++) {
                    int cc = b[r + k] & 0xff;
                    if ((cc & 0xc0) != 0x80) {
                        ok = false;
                    } else {
                        cp = cp << 6 | (cc & 0x3f);
                    }
                }
                if (ok) {
                    int a = cp < 0x80 ? cp : (cp >= 0xff01 && cp <= 0xff5e ? cp - 0xff00 + 0x20 : '?');
                    b[w++] = (byte) a;
                    r += need + 1;
                    continue;
                }
            }
            b[w++] = (byte) c;
            r++;
        }
        return w;
    }

    /** RFC 3986 remove_dot_segments in place, except that a final "/." or "/.." leaves no slash. */
    static int removeDotSegments(byte[] b, int from, int to) {
        int r = from;
        int w = from;
        while (r < to) {
            int n = to - r;
            if (n >= 3 && b[r] == '.' && b[r + 1] == '.' && b[r + 2] == '/') {
                r += 3;
            } else if (n >= 2 && b[r] == '.' && b[r + 1] == '/') {
                r += 2;
            } else if (n >= 3 && b[r] == '/' && b[r + 1] == '.' && b[r + 2] == '/') {
                r += 2;
            } else if (n == 2 && b[r] == '/' && b[r + 1] == '.') {
                r = to;
            } else if (n >= 4 && b[r] == '/' && b[r + 1] == '.' && b[r + 2] == '.' && b[r + 3] == '/') {
                r += 3;
                w = pop(b, from, w);
            } else if (n == 3 && b[r] == '/' && b[r + 1] == '.' && b[r + 2] == '.') {
                r = to;
                w = pop(b, from, w);
            } else if ((n == 1 && b[r] == '.') || (n == 2 && b[r] == '.' && b[r + 1] == '.')) {
                r = to;
            } else {
                // move the first segment (with its leading '/') to the output
                b[w++] = b[r++];
                while (r < to && b[r] != '/') {
                    b[w++] = b[r++];
                }
            }
        }
        return w;
    }

    private static int pop(byte[] b, int from, int w) {
        while (w > from && b[w - 1] != '/') {
            w--;
        }
        if (w > from) {
            w--;
        }
        return w;
    }
}
