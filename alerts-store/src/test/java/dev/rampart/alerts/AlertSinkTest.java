package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSinkTest {
    @TempDir
    Path dir;

    private static AlertSink sink(AlertJournal j, MaskSet masks) {
        ScoreConfig cfg = ScoreConfig.defaults();
        return new AlertSink(j, masks, new RuleScorer(cfg), new IncidentTracker(cfg));
    }

    @Test
    void journalsMaskedAlertsFlaggedAndIncidentsAfterTheirAlert() {
        MaskSet masks = new MaskSet();
        masks.maskSid(111);
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            AlertSink sink = sink(j, masks);
            AlertRecord a = new AlertRecord();
            assertEquals(1, sink.accept(Alerts.sample(a, 0, 111, 1000)));
            assertTrue(a.masked);
            assertEquals(0, a.score);
            assertEquals(2, sink.accept(Alerts.sample(a, 0, 222, 2000)));
            assertFalse(a.masked);
            assertEquals(50, a.score, "Major");
            assertEquals(2, a.incidentId);
            assertEquals(1, sink.maskedCount());

            try (JournalReader r = j.reader()) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertTrue(r.alert().masked);
                assertEquals(111, r.alert().sid);
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(2, r.alert().incidentId);
                assertEquals(JournalSchema.TAG_INCIDENT, r.next());
                assertEquals(2, r.incident().incidentId);
                assertTrue(r.incident().hasAlert(2));
                assertFalse(r.incident().hasAlert(1), "masked alerts do not contribute");
                assertEquals(JournalReader.NONE, r.next());
            }
        }
        // reopened: numbering continues after the last journaled alert
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            assertEquals(2, j.lastAlertId());
            AlertSink sink = sink(j, new MaskSet());
            assertEquals(3, sink.accept(Alerts.sample(new AlertRecord(), 0, 333, 3000)));
        }
    }
}
