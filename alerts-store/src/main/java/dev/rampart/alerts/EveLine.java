package dev.rampart.alerts;

import dev.rampart.eve.EveAlertLine;
import dev.rampart.eve.EveAlertSource;
import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;

/**
 * Renders an alert's EVE line from its journaled EVE fields (schema version 6), byte for byte as
 * the engine's EVE alert writer wrote it to eve.json: the journal keeps what it cannot rebuild
 * (numbers, addresses, the app-layer members, the rule's static bytes once per cycle file) and
 * readers put the text back together with the writer's own renderer, {@code eve-format}'s
 * {@link EveAlertLine}, reading the record through this adapter. cli's JournalEveLineTest renders
 * varied events both ways and compares, and ScanAlertsTest compares a scan's journal export with
 * its eve.json. Times are UTC, as scan and the sensor write eve.json.
 */
final class EveLine implements EveAlertSource {
    private final AlertRecord a;
    /** Reused for every line of the record (a reader reuses its record for every alert it reads). */
    private final EveAlertLine line = new EveAlertLine(EveTime.utc());

    /** The renderer of {@code a}'s lines; {@code a} keeps one. */
    EveLine(AlertRecord a) {
        this.a = a;
    }

    /** Renders the record's line from its EVE fields into its EVE buffer, its rule span marked. */
    void render() {
        JsonBuffer out = line.render(this);
        int n = out.length();
        System.arraycopy(out.array(), 0, a.eveBuffer(n), 0, n);
        a.eveLength(n);
        a.eveRuleSpan(line.ruleSpanStart(), line.ruleSpanLength());
    }

    /** A text field as the line reads it: empty is not logged. */
    private static CharSequence orNull(StringBuilder s) {
        return s.length() > 0 ? s : null;
    }

    @Override public long timestampNanos() { return a.timestampNanos; }
    @Override public boolean ipPacket() { return a.ipPacket; }
    @Override public boolean hasFlow() { return a.direction != AlertRecord.DIR_UNKNOWN; }
    @Override public long flowId() { return a.flowId; }
    @Override public long parentId() { return a.parentId; }
    @Override public long pcapCnt() { return a.pcapCnt; }
    @Override public int vlanCount() { return a.vlanCount; }
    @Override public int vlanId(int i) { return a.vlanIds[i]; }
    @Override public int ipVersion() { return a.ipVersion; }
    @Override public long srcHi() { return a.srcHi; }
    @Override public long srcLo() { return a.srcLo; }
    @Override public long dstHi() { return a.dstHi; }
    @Override public long dstLo() { return a.dstLo; }
    @Override public int srcPort() { return a.srcPort; }
    @Override public int dstPort() { return a.dstPort; }
    @Override public int proto() { return a.proto; }
    @Override public int icmpType() { return a.icmpType; }
    @Override public int icmpCode() { return a.icmpCode; }
    @Override public int pktSrc() { return a.pktSrc & 0xff; }
    @Override public long txId() { return a.txId; }
    @Override public boolean txGuessed() { return a.txGuessed; }
    @Override public boolean blocked() { return a.action == AlertRecord.ACTION_BLOCKED; }
    @Override public byte[] ruleIdentity() { return a.ruleIdentity(); }
    @Override public byte[] ruleMetadata() { return a.ruleMetadata(); }
    @Override public int ruleTarget() { return a.ruleTarget(); }
    @Override public byte[] appLayerBytes() { return a.appLayerBytes(); }
    @Override public int appLayerLength() { return a.appLayerLength(); }
    @Override public CharSequence appProto() { return orNull(a.appProto); }
    @Override public CharSequence appProtoTs() { return orNull(a.appProtoTs); }
    @Override public CharSequence appProtoTc() { return orNull(a.appProtoTc); }
    @Override public CharSequence appProtoOrig() { return orNull(a.appProtoOrig); }
    @Override public CharSequence appProtoExpected() { return orNull(a.appProtoExpected); }
    @Override public boolean toServer() { return a.direction == AlertRecord.DIR_TO_SERVER; }
    @Override public long pktsToServer() { return a.pktsToServer; }
    @Override public long pktsToClient() { return a.pktsToClient; }
    @Override public long bytesToServer() { return a.bytesToServer; }
    @Override public long bytesToClient() { return a.bytesToClient; }
    @Override public long flowStartNanos() { return a.flowStartNanos; }
}
