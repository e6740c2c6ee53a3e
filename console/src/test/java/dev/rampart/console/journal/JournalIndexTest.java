package dev.rampart.console.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.MaskSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalIndexTest {
    @TempDir
    Path dir;

    private static void append(AlertJournal j, long id, long sid, long ts) {
        AlertRecord a = new AlertRecord();
        a.alertId = id;
        a.timestampNanos = ts;
        a.sid = sid;
        a.srcV4(0x0A000001).dstV4(0x0A000002);
        a.severity = 2;
        AlertRecord.set(a.msg, "rule " + sid);
        j.append(a);
    }

    @Test
    void followsAJournalThatIsStillBeingWritten() {
        try (AlertJournal writer = AlertJournal.open(JournalConfig.at(dir));
             JournalIndex index = new JournalIndex(AlertJournal.openReader(JournalConfig.at(dir)),
                     AlertJournal.openReader(JournalConfig.at(dir)), new MaskSet())) {
            for (int i = 1; i <= 100; i++) {
                append(writer, i, 1 + i % 2, i * 1_000_000_000L);
            }
            assertEquals(100, index.refresh());
            assertEquals(0, index.refresh(), "nothing new");
            for (int i = 101; i <= 150; i++) {
                append(writer, i, 3, i * 1_000_000_000L);
            }
            assertEquals(50, index.refresh(), "only what was appended since");
            assertEquals(150, index.alerts(AlertFilter.ALL, 0, null, true, 0, 10).total());
            assertEquals(50, index.alerts(AlertFilter.parse(null, null, "3", null, null, null), 0, null, true, 0, 10).total());
            assertEquals("rule 3", index.alert(150).row().msg());
            assertEquals(1, index.alert(1).row().id(), "read back from the journal by index");
            // sorted by sid ascending, then time
            var page = index.alerts(AlertFilter.ALL, 0, "sid", false, 0, 3);
            assertEquals(1, page.items().get(0).sid());
            assertEquals(2, page.items().get(0).id());
        }
    }

    @Test
    void badFiltersSayWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> AlertFilter.parse("yesterday", null, null, null, null, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertFilter.parse(null, null, null, null, "7", null));
        assertEquals("severity: 1 (high) to 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlertFilter.parse(null, null, null, "example.com", null, null));
        assertThrows(IllegalArgumentException.class, () -> AlertFilter.parse("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", null, null, null, null));
        assertEquals(1_767_225_600_000_000_000L, AlertFilter.parse("2026-01-01T00:00", null, null, null, null, null).fromNanos());
        assertTrue(AlertFilter.parse(null, null, null, "10.0.0.1", null, "on").hideMasked());
    }

    @Test
    void bucketWidthsReadWell() {
        assertEquals(1_000_000_000L, JournalIndex.niceWidth(700_000_000L));
        assertEquals(60_000_000_000L, JournalIndex.niceWidth(45_000_000_000L));
        assertEquals(2 * 86_400_000_000_000L, JournalIndex.niceWidth(86_400_000_000_001L));
    }
}
