package dev.rampart.engine.output.eve;

import dev.rampart.eve.EveAlertLine;
import dev.rampart.eve.EveAlertSource;
import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;

/**
 * Writes EVE {@code alert} records shaped as Suricata 7.0's, one JSON line per {@link AlertEvent}:
 * the line is {@code eve-format}'s {@link EveAlertLine} (its class comment has the field order and
 * orientation rules), read from the event through a reused {@link EveAlertSource} adapter.
 *
 * <p>Not thread-safe: one writer (and one {@link AlertEvent}) per worker. The record is rendered
 * into a reused byte buffer and handed to the stream in one {@code write}; wrap the stream in a
 * {@link java.io.BufferedOutputStream} (or share one behind a lock) as needed. Steady state allocates
 * nothing.
 */
public final class EveAlertWriter {
    private final OutputStream out;
    private final EveAlertLine line;
    private final EventSource source = new EventSource();
    /** {@code line}'s own buffer, which each render refills. */
    private final JsonBuffer buf;
    /** The length of the line last rendered (the buffer also holds write's newline). */
    private int lineLength;

    public EveAlertWriter(OutputStream out) {
        this(out, EveTime.utc());
    }

    public EveAlertWriter(OutputStream out, ZoneId zone) {
        this(out, new EveTime(zone));
    }

    private EveAlertWriter(OutputStream out, EveTime time) {
        this.out = out;
        this.line = new EveAlertLine(time);
        this.buf = line.buffer();
    }

    /** Renders and writes one line (with its newline). */
    public void write(AlertEvent e) {
        render(e);
        buf.raw('\n');
        try {
            buf.writeTo(out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Renders the record (no newline) into the internal buffer and returns it. */
    public JsonBuffer render(AlertEvent e) {
        source.e = e;
        line.render(source);
        source.e = null;
        lineLength = buf.length();
        return buf;
    }

    /**
     * The line last rendered ({@link #render} or {@link #write}), until the next: bytes
     * [0, {@link #lineLength()}) of this array, without the newline {@code write} adds.
     */
    public byte[] lineBytes() {
        return buf.array();
    }

    public int lineLength() {
        return lineLength;
    }

    /**
     * Where the line last rendered holds its rule's static bytes: the alert identity, and the
     * metadata after it unless source/target come between. The same bytes in every alert of the
     * rule (the alert journal writes them once per rule).
     */
    public int ruleSpanStart() {
        return line.ruleSpanStart();
    }

    public int ruleSpanLength() {
        return line.ruleSpanLength();
    }

    /** The event's fields as the line reads them; one per writer, pointed at each event in turn. */
    private static final class EventSource implements EveAlertSource {
        AlertEvent e;

        @Override public long timestampNanos() { return e.timestampNanos; }
        @Override public boolean ipPacket() { return e.ipPacket; }
        @Override public boolean hasFlow() { return e.hasFlow; }
        @Override public long flowId() { return e.flowId; }
        @Override public long parentId() { return e.parentId; }
        @Override public long pcapCnt() { return e.pcapCnt; }
        @Override public int vlanCount() { return e.vlanCount; }
        @Override public int vlanId(int i) { return e.vlanIds[i]; }
        @Override public int ipVersion() { return e.ipVersion; }
        @Override public long srcHi() { return e.srcHi; }
        @Override public long srcLo() { return e.srcLo; }
        @Override public long dstHi() { return e.dstHi; }
        @Override public long dstLo() { return e.dstLo; }
        @Override public int srcPort() { return e.srcPort; }
        @Override public int dstPort() { return e.dstPort; }
        @Override public int proto() { return e.proto; }
        @Override public int icmpType() { return e.icmpType; }
        @Override public int icmpCode() { return e.icmpCode; }
        @Override public int pktSrc() { return e.pktSrc.ordinal(); }
        @Override public long txId() { return e.txId; }
        @Override public boolean txGuessed() { return e.txGuessed; }
        @Override public boolean blocked() { return e.blocked; }
        @Override public byte[] ruleIdentity() { return e.rule.identityJson(); }
        @Override public byte[] ruleMetadata() { return e.rule.metadata(); }
        @Override public int ruleTarget() { return e.rule.eveTarget(); }
        @Override public byte[] appLayerBytes() { return e.appLayerJson; }
        @Override public int appLayerLength() { return e.appLayerLength; }
        @Override public CharSequence appProto() { return e.appProto; }
        @Override public CharSequence appProtoTs() { return e.appProtoTs; }
        @Override public CharSequence appProtoTc() { return e.appProtoTc; }
        @Override public CharSequence appProtoOrig() { return e.appProtoOrig; }
        @Override public CharSequence appProtoExpected() { return e.appProtoExpected; }
        @Override public boolean toServer() { return e.toServer; }
        @Override public long pktsToServer() { return e.pktsToServer; }
        @Override public long pktsToClient() { return e.pktsToClient; }
        @Override public long bytesToServer() { return e.bytesToServer; }
        @Override public long bytesToClient() { return e.bytesToClient; }
        @Override public long flowStartNanos() { return e.flowStartNanos; }
    }
}
