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
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.Rule;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Hands detection's alerts to the alert journal through the scoring sink ({@code scan --journal}):
 * each alert becomes an {@link AlertRecord} carrying its EVE line, is scored, may raise an
 * incident, and is journaled. One thread; close it to flush the journal. The rule's texts, its
 * category (from the classification the rules were compiled with) and the EVE line's rule part
 * are the compiled rule's ({@link EveRuleInfo}), made once per rule, not per alert.
 */
public final class JournalAlerts implements AutoCloseable {
    private final AlertJournal journal;
    private final AlertSink sink;
    private final AlertRecord record = new AlertRecord();
    /** Renders each alert's EVE line for the journal (written nowhere). */
    private final EveAlertWriter eve = new EveAlertWriter(OutputStream.nullOutputStream());

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

    public void accept(AlertEvent e, CompiledRule r) {
        accept(e, r, null);
    }

    /**
     * With the EVE line {@code rendered} has just rendered for {@code e} (the EVE output's writer,
     * UTC as this one's): journaled as it is, not rendered a second time. Null: rendered here.
     */
    public void accept(AlertEvent e, CompiledRule r, EveAlertWriter rendered) {
        AlertRecord a = record.clear();
        Rule rule = r.rule();
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
        a.gid = (int) rule.gid();
        a.sid = rule.sid();
        a.rev = (int) rule.rev();
        a.action = e.blocked ? AlertRecord.ACTION_BLOCKED : AlertRecord.ACTION_ALLOWED;
        // the texts and the EVE rule span are the compiled rule's only (made once, at compile time)
        a.ruleKey = r;
        EveRuleInfo texts = r.eve();
        AlertRecord.set(a.msg, texts.msg());
        AlertRecord.set(a.classtype, texts.classtype());
        AlertRecord.set(a.category, texts.category());
        AlertRecord.set(a.metadata, texts.metadataText());
        a.severity = r.priority();
        EveAlertWriter w = rendered;
        if (w == null) {
            w = eve;
            w.render(e);
        }
        a.eve(w.lineBytes(), 0, w.lineLength());
        a.eveRuleSpan(w.ruleSpanStart(), w.ruleSpanLength());
        a.payload(e.payloadExcerpt, 0, e.payloadExcerptLength);
        sink.accept(a);
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
