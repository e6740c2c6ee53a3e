package dev.rampart.engine.applayer.sip;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.AppSession;
import dev.rampart.engine.applayer.PendingMessages;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.flow.Spares;
import dev.rampart.eve.JsonBuffer;

/**
 * {@link AppSession} for SIP over UDP, as Suricata 7 parses it: each datagram toward the server is
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
        int r = toServer ? SipParser.parseRequest(data, off, len, scratch) : SipParser.parseResponse(data, off, len, scratch);
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

    /** SIP over TCP is Suricata 8's; the engine detects SIP on UDP only, so stream bytes are ignored. */
    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        streamBytesIgnored += len;
    }

    @Override
    public void onGap(boolean toServer, long len) {
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
