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

    private boolean field(int o, int l, Slice out) {
        if (l <= 0) {
            out.clear();
            return false;
        }
        out.set(bytes, o, l);
        return true;
    }
}
