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
import dev.rampart.engine.output.eve.JsonBuffer;
import dev.rampart.rules.Rule;
import dev.rampart.rules.config.ClassificationConfig;
import dev.rampart.rules.keyword.meta.ClasstypeOption;
import dev.rampart.rules.keyword.meta.MetadataOption;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Hands detection's alerts to the alert journal through the scoring sink ({@code scan --journal}):
 * each alert becomes an {@link AlertRecord} carrying its EVE line, is scored, may raise an
 * incident, and is journaled. One thread; close it to flush the journal.
 */
public final class JournalAlerts implements AutoCloseable {
    private final AlertJournal journal;
    private final AlertSink sink;
    private final ClassificationConfig classes;
    private final AlertRecord record = new AlertRecord();
    /** Renders each alert's EVE line for the journal (written nowhere). */
    private final EveAlertWriter eve = new EveAlertWriter(OutputStream.nullOutputStream());

    public JournalAlerts(Path dir, ClassificationConfig classes) {
        this(JournalConfig.at(dir), classes, new MaskSet());
    }

    /** With masks (the console's masks file): matching alerts are journaled flagged and not scored. */
    public JournalAlerts(Path dir, ClassificationConfig classes, MaskSet masks) {
        this(JournalConfig.at(dir), classes, masks);
    }

    /** A journal with its own roll and retention settings (the sensor's), and masks. */
    public JournalAlerts(JournalConfig config, ClassificationConfig classes, MaskSet masks) {
        this.journal = AlertJournal.open(config);
        ScoreConfig cfg = ScoreConfig.defaults();
        this.sink = new AlertSink(journal, masks, new RuleScorer(cfg), new IncidentTracker(cfg));
        this.classes = classes;
    }

    public void accept(AlertEvent e, CompiledRule r) {
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
        // the texts below are the compiled rule's and this instance's classification's only
        a.ruleKey = r;
        AlertRecord.set(a.msg, rule.msg());
        ClasstypeOption ct = rule.option(ClasstypeOption.class);
        if (ct != null) {
            AlertRecord.set(a.classtype, ct.name());
            ClassificationConfig.ClassType t = classes == null ? null : classes.get(ct.name());
            AlertRecord.set(a.category, t == null ? "" : t.description());
        }
        a.severity = r.priority();
        StringBuilder md = a.metadata;
        for (MetadataOption m : rule.optionsOf(MetadataOption.class)) {
            for (MetadataOption.Entry en : m.entries()) {
                if (md.length() > 0) {
                    md.append(", ");
                }
                md.append(en.key()).append(' ').append(en.value());
            }
        }
        JsonBuffer eveLine = eve.render(e);
        a.eve(eveLine.array(), 0, eveLine.length());
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
