package dev.rampart.alerts;

import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;

/**
 * Where detection hands its alerts: numbers each alert, applies masks and suppressions, scores
 * it, feeds the incident windows, and journals the alert and any incident it raised. An alert is
 * acknowledged when {@link #accept} returns. One thread.
 */
public final class AlertSink {
    private final AlertJournal journal;
    private final MaskSet masks;
    private final RuleScorer scorer;
    private final IncidentTracker incidents;
    private long lastAlertId;
    private long masked;

    /** Continues the alert numbering of what {@code journal} already holds. */
    public AlertSink(AlertJournal journal, MaskSet masks, RuleScorer scorer, IncidentTracker incidents) {
        this.journal = journal;
        this.masks = masks;
        this.scorer = scorer;
        this.incidents = incidents;
        this.lastAlertId = journal.lastAlertId();
    }

    /** Journals one alert (its id, score, mask flag and incident are set here); returns its id. */
    public long accept(AlertRecord alert) {
        alert.alertId = ++lastAlertId;
        alert.incidentId = AlertRecord.NO_INCIDENT;
        boolean raised = false;
        if (masks.matches(alert)) {
            alert.masked = true;
            alert.score = 0;
            masked++;
        } else {
            alert.masked = false;
            alert.score = scorer.score(alert);
            raised = incidents.add(alert);
        }
        journal.append(alert);
        if (raised) {
            journal.append(incidents.raised());
        }
        return alert.alertId;
    }

    public long lastAlertId() {
        return lastAlertId;
    }

    public long maskedCount() {
        return masked;
    }

    public IncidentTracker incidents() {
        return incidents;
    }
}
