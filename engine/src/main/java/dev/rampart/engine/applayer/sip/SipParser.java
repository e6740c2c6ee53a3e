package dev.rampart.engine.applayer.sip;

/**
 * Parses one SIP message (a request toward the server, a response toward the client) the way
 * Suricata 7's SIP parser does, into a {@link SipMessage} of offsets: no copy, no allocation.
 *
 * <p>The grammar is that parser's, not RFC 3261's: a request line is letters (possibly none), one
 * space, a URI of alphanumerics and {@code !%'*+-._`~#@:}, one space, a version of alphanumerics,
 * {@code .} and {@code /}, CRLF; a status line is a version, one space, any three bytes, one space,
 * a reason of {@link #isReasonChar reason characters}, CRLF. Then header lines
 * {@code name : value CRLF} (the name may be empty, a value continues over a line break followed
 * by a blank, a byte outside the value characters rejects the message), then an empty line; what
 * follows is the body. Running out of input before the empty line is {@link #INCOMPLETE}, any
 * other mismatch {@link #INVALID}: both are parser errors for the app layer.
 */
public final class SipParser {
    public static final int OK = 0;
    /** The message ended before its grammar did (Suricata's sip.incomplete_data event). */
    public static final int INCOMPLETE = 1;
    /** A byte the grammar does not allow (Suricata's sip.invalid_data event). */
    public static final int INVALID = 2;

    private static final int ALNUM = 1;
    private static final int TOKEN = 2;
    private static final int URI = 4;
    private static final int VERSION = 8;
    private static final int REASON = 16;
    private static final int HEADER_VALUE = 32;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] |= ALNUM;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] |= ALNUM;
            CLASS[c - 32] |= ALNUM;
        }
        mark("!%'*+-._`", TOKEN);
        mark("~#@:", URI);
        mark("./", VERSION);
        mark("$&(),/:;=?@[\\]^ ", REASON);
        mark("\"#$&(),/;:<=>?@[]{}()^|~\\\t\n\r ", HEADER_VALUE);
    }

    private static void mark(String chars, int bit) {
        for (int i = 0; i < chars.length(); i++) {
            CLASS[chars.charAt(i)] |= bit;
        }
    }

    private SipParser() {
    }

    private static boolean is(byte b, int bits) {
        return (CLASS[b & 0xFF] & bits) != 0;
    }

    static boolean isUriChar(byte b) {
        return is(b, ALNUM | TOKEN | URI);
    }

    /** Suricata 8's request URI characters: alphanumerics, its token characters, {@code ~#@:;=?+&$,/}. */
    static boolean isUriChar8(byte b) {
        int c = b & 0xFF;
        return is(b, ALNUM) || c == 0x21 || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x23 && c <= 0x27) || (c >= 0x5E && c <= 0x7E) || "~#@:;=?+&$,/".indexOf(c) >= 0;
    }

    static boolean isVersionChar(byte b) {
        return is(b, ALNUM | VERSION);
    }

    /** Characters of a reason phrase; also those of the logged request/response line. */
    static boolean isReasonChar(byte b) {
        return is(b, ALNUM | TOKEN | REASON);
    }

    static boolean isHeaderNameChar(byte b) {
        return is(b, ALNUM | TOKEN);
    }

    static boolean isHeaderValueChar(byte b) {
        return is(b, ALNUM | TOKEN | HEADER_VALUE);
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    /** Parses a request from {@code b[off, off + len)} into {@code m}; returns OK, INCOMPLETE or INVALID. */
    public static int parseRequest(byte[] b, int off, int len, SipMessage m) {
        return parseRequest(b, off, len, m, false);
    }

    /**
     * As {@link #parseRequest(byte[], int, int, SipMessage)}; {@code suricata8}: the request URI as
     * Suricata 8 reads it, also {@code ;=?+&$,/} and every token character (its grammar for SIP
     * over TCP, which Suricata 7 does not parse; "REGISTER sip:host;transport=TCP" is one).
     */
    public static int parseRequest(byte[] b, int off, int len, SipMessage m, boolean suricata8) {
        m.reset(b, off, len, true);
        int end = off + len;
        int i = off;
        while (i < end && isLetter(b[i])) {
            i++;
        }
        if (i == end) {
            return INCOMPLETE;
        }
        m.methodOff = off;
        m.methodLen = i - off;
        int r = space(b, i, end);
        if (r != OK) {
            return r;
        }
        int uri = ++i;
        while (i < end && (suricata8 ? isUriChar8(b[i]) : isUriChar(b[i]))) {
            i++;
        }
        if (i == end) {
            return INCOMPLETE;
        }
        if (i == uri) {
            return INVALID;
        }
        m.uriOff = uri;
        m.uriLen = i - uri;
        r = space(b, i, end);
        if (r != OK) {
            return r;
        }
        return versionAndRest(b, i + 1, end, m);
    }

    /** Parses a response from {@code b[off, off + len)} into {@code m}; returns OK, INCOMPLETE or INVALID. */
    public static int parseResponse(byte[] b, int off, int len, SipMessage m) {
        m.reset(b, off, len, false);
        int end = off + len;
        int i = off;
        while (i < end && isVersionChar(b[i])) {
            i++;
        }
        if (i == end) {
            return INCOMPLETE;
        }
        if (i == off) {
            return INVALID;
        }
        m.versionOff = off;
        m.versionLen = i - off;
        int r = space(b, i, end);
        if (r != OK) {
            return r;
        }
        i++;
        if (end - i < 3) {
            return INCOMPLETE;
        }
        m.codeOff = i;
        i += 3;
        r = space(b, i, end);
        if (r != OK) {
            return r;
        }
        int reason = ++i;
        while (i < end && isReasonChar(b[i])) {
            i++;
        }
        if (i == end) {
            return INCOMPLETE;
        }
        m.reasonOff = reason;
        m.reasonLen = i - reason;
        return lineEndAndHeaders(b, i, end, m);
    }

    private static int versionAndRest(byte[] b, int i, int end, SipMessage m) {
        int v = i;
        while (i < end && isVersionChar(b[i])) {
            i++;
        }
        if (i == end) {
            return INCOMPLETE;
        }
        if (i == v) {
            return INVALID;
        }
        m.versionOff = v;
        m.versionLen = i - v;
        return lineEndAndHeaders(b, i, end, m);
    }

    /** CRLF after the first line, header lines, the empty line; records the line, header and body extents. */
    private static int lineEndAndHeaders(byte[] b, int i, int end, SipMessage m) {
        int r = crlf(b, i, end);
        if (r != OK) {
            return r;
        }
        i += 2;
        m.firstLineEnd = i;
        m.lineLen = takeLine(b, m.off, end);
        int headers = i;
        while (true) {
            r = crlf(b, i, end);
            if (r == OK) {
                break;
            }
            if (r == INCOMPLETE) {
                return INCOMPLETE;
            }
            // name, optional blanks, colon, optional blanks
            while (i < end && isHeaderNameChar(b[i])) {
                i++;
            }
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == end) {
                return INCOMPLETE;
            }
            if (b[i] != ':') {
                return INVALID;
            }
            i++;
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            if (i == end) {
                return INCOMPLETE;
            }
            i = headerValueEnd(b, i, end);
            if (i < 0) {
                return INCOMPLETE;
            }
            r = crlf(b, i, end);
            if (r != OK) {
                return r;
            }
            i += 2;
            m.headerCount++;
        }
        m.headersOff = headers;
        m.headersLen = i - headers;
        m.bodyOff = i + 2;
        return OK;
    }

    /**
     * Where a header value's line break starts: after the value and its trailing blanks, at the
     * line break followed by something other than a blank (a break followed by a blank continues
     * the value). -1 when the input ends first or a byte is not a value character (Suricata's
     * parser reports both as missing input).
     */
    static int headerValueEnd(byte[] b, int i, int end) {
        int start = i;
        int valueEnd = 0;
        int trailing = 0;
        while (i < end) {
            byte c = b[i];
            if (c == '\n') {
                i++;
                if (i >= end) {
                    return -1;
                }
                if (b[i] == ' ' || b[i] == '\t') {
                    i++;
                    continue;
                }
                return start + valueEnd + trailing;
            } else if (c == ' ' || c == '\t') {
                trailing++;
            } else if (c != '\r') {
                trailing = 0;
                if (!isHeaderValueChar(c)) {
                    return -1;
                }
                valueEnd = i - start + 1;
            }
            i++;
        }
        // the value ran to the end of the input: the CRLF that must follow is missing
        return -1;
    }

    private static int space(byte[] b, int i, int end) {
        if (i >= end) {
            return INCOMPLETE;
        }
        return b[i] == ' ' ? OK : INVALID;
    }

    private static int crlf(byte[] b, int i, int end) {
        if (i >= end) {
            return INCOMPLETE;
        }
        if (b[i] != '\r') {
            return INVALID;
        }
        if (i + 1 >= end) {
            return INCOMPLETE;
        }
        return b[i + 1] == '\n' ? OK : INVALID;
    }

    /** Length of the leading run of reason characters: Suricata's logged request/response line. */
    private static int takeLine(byte[] b, int off, int end) {
        int i = off;
        while (i < end && isReasonChar(b[i])) {
            i++;
        }
        return i - off;
    }
}
