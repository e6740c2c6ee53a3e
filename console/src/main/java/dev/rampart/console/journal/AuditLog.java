package dev.rampart.console.journal;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.OperatorAction;
import java.time.Clock;
import java.time.Instant;

/**
 * Appends every operator action to the journal as an {@link OperatorAction} (the audit trail):
 * who, what, to which target, and a short detail. Never a password or a token: callers pass
 * names and ids only.
 */
public final class AuditLog {
    private final AlertJournal journal;
    private final Clock clock;
    private final OperatorAction entry = new OperatorAction();

    public AuditLog(AlertJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    public synchronized void record(String actor, String action, String target, String detail) {
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        journal.handOver();
        journal.append(entry.set(nanos, actor, action, target, detail == null ? "" : detail));
    }
}
