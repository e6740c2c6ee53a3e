package dev.rampart.engine.applayer.sip;

import dev.rampart.engine.applayer.PendingMessages;

/**
 * One SIP message kept for detection: its own copy of the message head (at most
 * {@link #MAX_KEPT} bytes, so a flow's memory stays bounded) and the parsed fields over it.
 * Pooled by {@link SipSession}: the copy buffer is reused.
 */
public final class SipTransaction extends PendingMessages.Message {
    /** Bytes of a message kept for its buffers; fields beyond are cut or absent (counted by the session). */
    public static final int MAX_KEPT = 4096;

    final SipMessage message = new SipMessage();
    private final byte[] copy = new byte[MAX_KEPT];

    /** Copies {@code m} (parsed over someone else's bytes) in; returns whether it had to be cut. */
    boolean copyFrom(SipMessage m, long id, boolean toServer) {
        this.txId = id;
        this.toServer = toServer;
        int n = Math.min(m.len, MAX_KEPT);
        System.arraycopy(m.bytes, m.off, copy, 0, n);
        SipMessage c = message;
        c.reset(copy, 0, n, m.request);
        int base = m.off;
        c.methodOff = m.methodOff - base;
        c.methodLen = clip(c.methodOff, m.methodLen, n);
        c.uriOff = m.uriOff - base;
        c.uriLen = clip(c.uriOff, m.uriLen, n);
        c.versionOff = m.versionOff - base;
        c.versionLen = clip(c.versionOff, m.versionLen, n);
        c.codeOff = m.codeOff < 0 || m.codeOff - base + 3 > n ? -1 : m.codeOff - base;
        c.reasonOff = m.reasonOff - base;
        c.reasonLen = clip(c.reasonOff, m.reasonLen, n);
        c.lineLen = clip(0, m.lineLen, n);
        c.firstLineEnd = m.firstLineEnd - base;
        c.headersOff = m.headersOff - base;
        c.headersLen = clip(c.headersOff, m.headersLen, n);
        c.headerCount = m.headerCount;
        c.bodyOff = m.bodyOff == 0 || m.bodyOff - base > n ? 0 : m.bodyOff - base;
        return n < m.len;
    }

    private static int clip(int off, int len, int n) {
        return off >= n ? 0 : Math.min(len, n - off);
    }

    public long txId() {
        return txId;
    }

    /** Requests go to the server, responses to the client: a transaction has only its own direction. */
    public boolean toServer() {
        return toServer;
    }

    public SipMessage message() {
        return message;
    }
}
