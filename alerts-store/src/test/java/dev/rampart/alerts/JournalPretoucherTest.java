package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalPretoucherTest {
    private static final String THREAD = "rampart-journal-pretouch";

    @TempDir
    Path dir;

    /**
     * With the pretoucher running ahead, every alert reads back as written and nothing follows the
     * last one: touching pages ahead of the writer changes no byte of the file.
     */
    @Test
    void pagesAheadAreTouchedAndTheJournalReadsBackUnchanged() {
        JournalConfig config = JournalConfig.at(dir).blockSize(1 << 20);
        AlertRecord a = new AlertRecord();
        byte[] payload = new byte[AlertRecord.MAX_PAYLOAD_EXCERPT];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        int written = 0;
        try (AlertJournal j = AlertJournal.open(config)) {
            // append until the pretoucher has got ahead of the writer at least once (bounded)
            for (int round = 0; round < 400 && j.pagesPretouched() == 0; round++) {
                for (int k = 0; k < 50; k++) {
                    written++;
                    Alerts.sample(a.clear(), written, 2_000_000 + written % 7, 1_700_000_000_000_000_000L + written);
                    a.payload(payload, written % 64, payload.length - written % 64);
                    j.append(a);
                }
                LockSupport.parkNanos(5_000_000);
            }
            assertTrue(j.pagesPretouched() > 0, "the pretoucher touched no page ahead of " + written + " alerts");
            // and some more after it started touching, into pages it touched
            for (int k = 0; k < 3000; k++) {
                written++;
                Alerts.sample(a.clear(), written, 2_000_000 + written % 7, 1_700_000_000_000_000_000L + written);
                a.payload(payload, written % 64, payload.length - written % 64);
                j.append(a);
            }
        }
        assertFalse(pretoucherAlive(), "close() leaves no pretouch thread");
        try (JournalReader r = AlertJournal.openReader(config)) {
            AlertRecord expected = new AlertRecord();
            for (int id = 1; id <= written; id++) {
                assertEquals(JournalSchema.TAG_ALERT, r.next(), "entry " + id);
                Alerts.sample(expected.clear(), id, 2_000_000 + id % 7, 1_700_000_000_000_000_000L + id);
                expected.payload(payload, id % 64, payload.length - id % 64);
                AlertRecord got = r.alert();
                assertEquals(expected.toString(), got.toString());
                assertEquals(expected.metadata.toString(), got.metadata.toString());
                assertEquals(expected.payloadLength(), got.payloadLength());
                for (int b = 0; b < got.payloadLength(); b++) {
                    assertEquals(expected.payloadBytes()[b], got.payloadBytes()[b], "alert " + id + " payload byte " + b);
                }
            }
            assertEquals(JournalReader.NONE, r.next(), "nothing after the last alert");
        }
    }

    @Test
    void offMeansNoThread() {
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir).pretouch(false))) {
            j.append(Alerts.sample(new AlertRecord(), 1, 2_000_001, 1_700_000_000_000_000_000L));
            assertFalse(pretoucherAlive());
            assertEquals(0, j.pagesPretouched());
        }
    }

    private static boolean pretoucherAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(THREAD) && t.isAlive());
    }
}
