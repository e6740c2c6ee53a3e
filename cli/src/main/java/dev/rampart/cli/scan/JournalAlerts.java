package dev.rampart.cli.scan;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.AlertSink;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import dev.rampart.engine.detect.CompiledRule;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.output.eve.EveRuleInfo;
import java.nio.file.Path;

/**
 * Hands detection's alerts to the alert journal through the scoring sink ({@code scan --journal}):
 * each alert becomes an {@link AlertRecord} carrying its EVE fields (readers render its EVE line),
 * is scored, may raise an incident, and is journaled. One thread; close it to flush the journal.
 * The rule's texts, its category (from the classification the rules were compiled with) and the
 * rule's EVE bytes are the compiled rule's ({@link EveRuleInfo}), made once per rule, not per alert.
 */
public final class JournalAlerts implements AutoCloseable {
    private final AlertJournal journal;
    private final AlertSink sink;
    private final AlertRecord record = new AlertRecord();

    public JournalAlerts(Path dir) {
        this(JournalConfig.at(dir), new MaskSet());
    }

    /** With masks (the console's masks file): matching alerts are journaled flagged and not scored. */
    public JournalAlerts(Path dir, MaskSet masks) {
        this(JournalConfig.at(dir), masks);
    }

    /** A journal with its own roll and retention settings (the sensor's), and masks. */
    public JournalAlerts(JournalConfig config, MaskSet masks) {
        this.journal = AlertJournal.open(config);
        ScoreConfig cfg = ScoreConfig.defaults();
        this.sink = new AlertSink(journal, masks, new RuleScorer(cfg), new IncidentTracker(cfg));
    }

    /** A compiled rule's texts (a record's {@link AlertRecord#ruleKey} is its compiled rule). */
    private static final AlertRecord.RuleTextSource RULE_TEXTS = (key, a) -> copyTexts(((CompiledRule) key).eve(), a);

    /** Copies a rule's journal texts (message, classtype, category, metadata as written) into {@code a}. */
    public static void copyTexts(EveRuleInfo texts, AlertRecord a) {
        AlertRecord.set(a.msg, texts.msg());
        AlertRecord.set(a.classtype, texts.classtype());
        AlertRecord.set(a.category, texts.category());
        AlertRecord.set(a.metadata, texts.metadataText());
    }

    /**
     * Journals {@code e}, raised by {@code r}: its fields, the EVE fields included, from which
     * readers render the alert's EVE line as the EVE writer writes it (the line itself is neither
     * rendered nor kept here).
     */
    public void accept(AlertEvent e, CompiledRule r) {
        AlertRecord a = record.clear();
        eventFields(e, a);
        a.gid = (int) r.gid();
        a.sid = r.sid();
        a.rev = (int) r.rev();
        // the texts and the rule's EVE bytes are the compiled rule's only (made once, at compile time)
        a.ruleKey = r;
        a.textsFrom(RULE_TEXTS); // copied only when the journal or the scorer needs them
        a.severity = r.priority();
        eveFields(e, r.eve(), a);
        a.payload(e.payloadExcerpt, 0, e.payloadExcerptLength);
        sink.accept(a);
    }

    /** Copies the event's time, flow, tuple, protocols and action (not the rule's fields). */
    public static void eventFields(AlertEvent e, AlertRecord a) {
        a.timestampNanos = e.timestampNanos;
        a.flowId = e.flowId;
        a.pcapCnt = e.pcapCnt;
        a.ipVersion = (byte) e.ipVersion;
        a.srcHi = e.srcHi;
        a.srcLo = e.srcLo;
        a.dstHi = e.dstHi;
        a.dstLo = e.dstLo;
        a.srcPort = e.srcPort;
        a.dstPort = e.dstPort;
        a.proto = e.proto;
        AlertRecord.set(a.appProto, e.appProto);
        a.direction = !e.hasFlow ? AlertRecord.DIR_UNKNOWN : e.toServer ? AlertRecord.DIR_TO_SERVER : AlertRecord.DIR_TO_CLIENT;
        a.action = e.blocked ? AlertRecord.ACTION_BLOCKED : AlertRecord.ACTION_ALLOWED;
    }

    /** Copies what an alert's EVE line has beyond the record's fixed fields (schema v6's EVE fields). */
    public static void eveFields(AlertEvent e, EveRuleInfo rule, AlertRecord a) {
        a.eveFields = true;
        a.ipPacket = e.ipPacket;
        a.parentId = e.parentId;
        a.pktSrc = (byte) e.pktSrc.ordinal();
        int vlans = Math.min(e.vlanCount, AlertRecord.MAX_VLANS);
        for (int i = 0; i < vlans; i++) {
            a.vlanIds[i] = e.vlanIds[i];
        }
        a.vlanCount = vlans;
        a.icmpType = e.icmpType;
        a.icmpCode = e.icmpCode;
        a.txId = e.txId;
        a.txGuessed = e.txGuessed;
        AlertRecord.set(a.appProtoTs, e.appProtoTs);
        AlertRecord.set(a.appProtoTc, e.appProtoTc);
        AlertRecord.set(a.appProtoOrig, e.appProtoOrig);
        AlertRecord.set(a.appProtoExpected, e.appProtoExpected);
        if (e.appLayerJson != null && e.appLayerLength > 0) {
            a.appLayer(e.appLayerJson, 0, e.appLayerLength);
        }
        a.pktsToServer = e.pktsToServer;
        a.pktsToClient = e.pktsToClient;
        a.bytesToServer = e.bytesToServer;
        a.bytesToClient = e.bytesToClient;
        a.flowStartNanos = e.flowStartNanos;
        a.ruleEve(rule.identityJson(), rule.metadata(), (byte) rule.eveTarget());
    }

    public long alerts() {
        return sink.lastAlertId();
    }

    public long incidents() {
        return sink.incidents().incidentsRaised();
    }

    @Override
    public void close() {
        journal.close();
    }
}
