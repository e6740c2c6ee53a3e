package dev.rampart.engine.applayer.sip;

import dev.rampart.engine.applayer.Slice;

/**
 * Where the fields of one parsed SIP message lie in the bytes {@link SipParser} read (offsets into
 * {@link #bytes}); a flyweight that is reset for each message. Lengths of 0 mean absent, as
 * Suricata hands out no buffer for an empty field.
 */
public final class SipMessage {
    byte[] bytes;
    int off;
    int len;
    boolean request;
    int methodOff;
    int methodLen;
    int uriOff;
    int uriLen;
    int versionOff;
    int versionLen;
    /** Status code: always three bytes in a parsed response. */
    int codeOff = -1;
    int reasonOff;
    int reasonLen;
    /** The logged request/response line: the leading run of reason characters of the message. */
    int lineLen;
    int firstLineEnd;
    int headersOff;
    int headersLen;
    int headerCount;
    int bodyOff;

    void reset(byte[] b, int off, int len, boolean request) {
        this.bytes = b;
        this.off = off;
        this.len = len;
        this.request = request;
        methodOff = methodLen = uriOff = uriLen = versionOff = versionLen = 0;
        codeOff = -1;
        reasonOff = reasonLen = lineLen = firstLineEnd = headersOff = headersLen = headerCount = bodyOff = 0;
    }

    public boolean isRequest() {
        return request;
    }

    public boolean method(Slice out) {
        return field(methodOff, methodLen, out);
    }

    public boolean uri(Slice out) {
        return field(uriOff, uriLen, out);
    }

    /** {@code SIP/2.0} of the request or status line. */
    public boolean protocol(Slice out) {
        return field(versionOff, versionLen, out);
    }

    public boolean statusCode(Slice out) {
        return codeOff >= 0 && field(codeOff, 3, out);
    }

    public boolean reason(Slice out) {
        return field(reasonOff, reasonLen, out);
    }

    /** The request line (requests) or status line (responses) as Suricata logs it, without CRLF. */
    public boolean line(Slice out) {
        return field(off, lineLen, out);
    }

    public int headerCount() {
        return headerCount;
    }

    /** Body bytes after the empty line (what the datagram carries; Content-Length is not consulted). */
    public int bodyLength() {
        return bodyOff == 0 ? 0 : off + len - bodyOff;
    }

    /**
     * The value of header {@code name} (Suricata 8's {@code sip.from}, {@code sip.via} ...):
     * names compare without case, and a one-letter compact form (RFC 3261 7.3.3: {@code f} for
     * From, {@code v} for Via ...) counts as its long name; {@code compact} 0 when there is none.
     * The value is what follows the colon and its blanks up to the line end, folded lines
     * included, trailing blanks not. With the header repeated, the last one (Suricata keeps one
     * value per name, a later header replacing an earlier). False when absent or empty.
     */
    public boolean header(byte[] name, byte compact, Slice out) {
        int i = headersOff;
        int end = headersOff + headersLen;
        // a value's end is known at the byte after its line break (a blank there folds the line):
        // the empty line after the headers, or, in a message cut to what a transaction keeps, the cut
        int limit = Math.min(end + 2, off + len);
        int found = -1;
        int foundLen = 0;
        while (i + 1 < end && !(bytes[i] == '\r' && bytes[i + 1] == '\n')) {
            int n = i;
            while (i < end && SipParser.isHeaderNameChar(bytes[i])) {
                i++;
            }
            int nameLen = i - n;
            while (i < end && bytes[i] != ':') {
                i++;
            }
            i++;
            while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            int v = i;
            int lineEnd = v < end ? SipParser.headerValueEnd(bytes, v, limit) : -1;
            if (lineEnd < 0) {
                break; // a header the cut reaches (kept messages are at most 4 KiB): later ones are absent
            }
            int valueEnd = lineEnd;
            while (valueEnd > v && (bytes[valueEnd - 1] == ' ' || bytes[valueEnd - 1] == '\t')) {
                valueEnd--;
            }
            if (named(n, nameLen, name, compact)) {
                found = v;
                foundLen = valueEnd - v;
            }
            i = lineEnd + 2;
        }
        return field(found, foundLen, out);
    }

    private boolean named(int n, int len, byte[] name, byte compact) {
        if (len == 1 && compact != 0) {
            return (bytes[n] | 0x20) == (compact | 0x20);
        }
        if (len != name.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            byte a = bytes[n + k];
            byte b = name[k];
            if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')) {
                return false;
            }
        }
        return true;
    }

    private boolean field(int o, int l, Slice out) {
        if (l <= 0) {
            out.clear();
            return false;
        }
        out.set(bytes, o, l);
        return true;
    }
}
