package dev.rampart.engine.applayer.sip;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.PendingMessages;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.flow.Spares;
import dev.rampart.eve.JsonBuffer;

/**
 * {@link AppSession} for SIP over UDP, as Suricata 7 parses it (and over TCP, as Suricata 8 does: the
 * stream framed into messages, {@link #onData}): each datagram toward the server is
 * a request, each toward the client a response; one that parses is a transaction of its own
 * direction, one that does not is a parser error ({@link #parseErrors()}), which the app layer
 * hands to the error exception policy. Parsed messages wait in a pool of {@link #MAX_PENDING}
 * transactions until detection releases them; more are dropped and counted.
 */
public final class SipSession implements AppSession {
    static final int MAX_PENDING = 16;
    /** Released transactions of this thread's sessions (see {@link PendingMessages#SPARES}). */
    private static final ThreadLocal<Spares<PendingMessages.Message>> SPARES = PendingMessages.threadSpares();
    private final PendingMessages<SipTransaction> pending = new PendingMessages<>(MAX_PENDING, SipTransaction::new, SPARES);
    private long nextTxId;
    private final SipMessage scratch = new SipMessage();
    private final Slice field = new Slice();

    // counters
    private long parseErrors;
    private long incomplete;
    private long invalid;
    private long dropped;
    private long truncated;
    private long streamBytesIgnored;

    @Override
    public AppProto proto() {
        return AppProto.SIP;
    }

    @Override
    public void onDatagram(boolean toServer, byte[] data, int off, int len) {
        message(toServer, data, off, len, false);
    }

    /** One message: a datagram (Suricata 7's grammar) or a message framed from TCP (Suricata 8's). */
    private void message(boolean toServer, byte[] data, int off, int len, boolean overTcp) {
        int r = toServer ? SipParser.parseRequest(data, off, len, scratch, overTcp)
                : SipParser.parseResponse(data, off, len, scratch);
        if (r != SipParser.OK) {
            parseErrors++;
            if (r == SipParser.INCOMPLETE) {
                incomplete++;
            } else {
                invalid++;
            }
            return;
        }
        long id = nextTxId++;
        SipTransaction t = pending.claim();
        if (t == null) {
            dropped++;
            return;
        }
        if (t.copyFrom(scratch, id, toServer)) {
            truncated++;
        }
    }

    /**
     * SIP over TCP (Suricata 8): a direction's bytes are framed into messages (the headers up to the
     * empty line, then Content-Length bytes of body), each parsed as a datagram would be. A message
     * that grows past {@link #MAX_STREAM_MESSAGE} bytes without its end is a parser error and its
     * bytes are dropped ({@link #streamBytesIgnored()}).
     */
    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        StreamFramer f = toServer ? requests : responses;
        if (f == null) {
            f = new StreamFramer();
            if (toServer) {
                requests = f;
            } else {
                responses = f;
            }
        }
        f.feed(toServer, data, off, len);
    }

    @Override
    public void onGap(boolean toServer, long len) {
        StreamFramer f = toServer ? requests : responses;
        if (f != null) {
            f.reset(); // a message across a gap cannot be framed: start over with the next bytes
        }
    }

    /** Bytes one message may take before its end (headers and body). */
    static final int MAX_STREAM_MESSAGE = 65536;
    private StreamFramer requests;
    private StreamFramer responses;

    /** One direction's unfinished message over TCP. */
    private final class StreamFramer {
        private byte[] buf = new byte[1024];
        private int fill;
        /** Bytes already searched for the end of the headers (each search goes on from there). */
        private int scanned;
        /** The first message's length once its headers are here; 0 before; -1 when it cannot end (a bad length). */
        private int length;

        void reset() {
            fill = 0;
            scanned = 0;
            length = 0;
        }

        void feed(boolean toServer, byte[] data, int off, int len) {
            while (len > 0) {
                int take = Math.min(len, MAX_STREAM_MESSAGE - fill);
                if (take == 0) {
                    // no end in sight: the message is dropped as Suricata's parser gives up on it
                    parseErrors++;
                    invalid++;
                    streamBytesIgnored += fill;
                    reset();
                    continue;
                }
                if (buf.length < fill + take) {
                    int size = Math.min(MAX_STREAM_MESSAGE, Math.max(fill + take, buf.length * 2));
                    buf = java.util.Arrays.copyOf(buf, size);
                }
                System.arraycopy(data, off, buf, fill, take);
                fill += take;
                off += take;
                len -= take;
                int used;
                while ((used = messageLength()) > 0) {
                    message(toServer, buf, 0, used, true);
                    System.arraycopy(buf, used, buf, 0, fill - used);
                    fill -= used;
                    scanned = 0;
                    length = 0;
                }
            }
        }

        /**
         * The first message's length once all of it is here, else 0. The search for the headers' end
         * goes on where the last one stopped and the length is read once: a message arriving a byte
         * at a time costs its length, not its square.
         */
        private int messageLength() {
            if (length == 0) {
                int end = -1;
                for (int i = Math.max(0, scanned - 3); i + 3 < fill; i++) {
                    if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                        end = i + 4;
                        break;
                    }
                }
                if (end < 0) {
                    scanned = fill;
                    return 0;
                }
                long body = contentLength(end);
                length = body < 0 ? -1 : (int) (end + body);
            }
            return length > 0 && length <= fill ? length : 0;
        }

        /** The Content-Length (or "l") header's value in the headers before {@code end}, 0 without one; -1 unusable. */
        private long contentLength(int end) {
            int line = 0;
            while (line < end) {
                int eol = line;
                while (eol < end && buf[eol] != '\n') {
                    eol++;
                }
                int colon = line;
                while (colon < eol && buf[colon] != ':') {
                    colon++;
                }
                if (colon < eol && (named(line, colon, "content-length") || named(line, colon, "l"))) {
                    long v = 0;
                    boolean digits = false;
                    for (int i = colon + 1; i < eol; i++) {
                        byte c = buf[i];
                        if (c >= '0' && c <= '9') {
                            v = v * 10 + (c - '0');
                            digits = true;
                            if (v > MAX_STREAM_MESSAGE) {
                                return -1;
                            }
                        } else if (c != ' ' && c != '\t' && c != '\r') {
                            return -1;
                        }
                    }
                    return digits ? v : -1;
                }
                line = eol + 1;
            }
            return 0;
        }

        private boolean named(int from, int to, String name) {
            while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
                to--;
            }
            if (to - from != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (Character.toLowerCase((char) buf[from + i]) != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    @Override
    public long parseErrors() {
        return parseErrors;
    }

    /** Messages that ended before the grammar did (Suricata's sip.incomplete_data). */
    public long incomplete() {
        return incomplete;
    }

    /** Messages with a byte the grammar does not allow (Suricata's sip.invalid_data). */
    public long invalid() {
        return invalid;
    }

    /** Parsed messages not kept because {@link #MAX_PENDING} were waiting for detection. */
    public long dropped() {
        return dropped;
    }

    /** Messages longer than {@link SipTransaction#MAX_KEPT}: their later fields are cut. */
    public long truncated() {
        return truncated;
    }

    public long streamBytesIgnored() {
        return streamBytesIgnored;
    }

    @Override
    public int txCount() {
        return pending.count();
    }

    @Override
    public Object tx(int index) {
        return pending.get(index);
    }

    @Override
    public long txId(Object tx) {
        return ((PendingMessages.Message) tx).txId;
    }

    @Override
    public boolean txInDirection(Object tx, boolean toServer) {
        return ((PendingMessages.Message) tx).toServer == toServer;
    }

    /** A message is complete when parsed, and never continues in the other direction. */
    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return true;
    }

    @Override
    public void release(long txId) {
        pending.release(txId);
    }

    /** The alert's "sip" object as Suricata 7 logs it: the request or the response fields and line. */
    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        SipMessage m = ((SipTransaction) tx).message;
        JsonBuffer b = new JsonBuffer(256);
        b.key("sip").raw('{');
        boolean first = true;
        if (m.isRequest()) {
            first = member(b, "method", m.method(field), first);
            first = member(b, "uri", m.uri(field), first);
            first = member(b, "version", m.protocol(field), first);
            member(b, "request_line", m.line(field), first);
        } else {
            first = member(b, "version", m.protocol(field), first);
            first = member(b, "code", m.statusCode(field), first);
            first = member(b, "reason", m.reason(field), first);
            member(b, "response_line", m.line(field), first);
        }
        b.raw('}');
        out.append(b);
        return true;
    }

    private boolean member(JsonBuffer b, String key, boolean present, boolean first) {
        if (!present) {
            return first;
        }
        if (!first) {
            b.raw(',');
        }
        b.key(key).string(field.toString());
        return false;
    }
}
