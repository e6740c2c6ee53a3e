package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 3: a rule's texts are written once per cycle file and later alerts refer to
 * them; every reader gets every alert's texts back whatever it started from, and journals written
 * by earlier builds (version 2) still read.
 */
class RuleTextEntriesTest {
    @TempDir
    Path dir;

    /** What a reader must give back of an alert: all fields and all texts. */
    private static String full(AlertRecord a) {
        return a + " | " + a.appProto + " | " + a.msg + " | " + a.classtype + " | " + a.category + " | " + a.metadata
                + " | sev " + a.severity + " | ts " + a.timestampNanos + " | eve "
                + new String(a.eveBytes(), 0, a.eveLength(), StandardCharsets.UTF_8) + " | payload " + a.payloadLength();
    }

    /** The byte lengths of the journal's entries, in order. */
    private static List<Long> entryLengths(JournalConfig cfg) {
        List<Long> lengths = new ArrayList<>();
        try (SingleChronicleQueue q = AlertJournal.builder(cfg).readOnly(true).build();
                ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return lengths;
                    }
                    lengths.add(dc.wire().bytes().readRemaining());
                }
            }
        }
    }

    private static AlertRecord alert(AlertRecord a, long id, long sid, long ts) {
        Alerts.sample(a, id, sid, ts);
        a.srcPort = 1000 + (int) id;
        byte[] p = ("payload of " + id).getBytes(StandardCharsets.US_ASCII);
        a.payload(p, 0, p.length);
        return a;
    }

    @Test
    void laterAlertsOfARuleReferToItsFirstAndReadBackWhole() {
        JournalConfig cfg = JournalConfig.at(dir);
        List<String> written = new ArrayList<>();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            long[] sids = {2019401, 2019402, 2019401, 2019401, 2019402};
            for (int i = 0; i < sids.length; i++) {
                j.append(alert(a, i + 1, sids[i], 1_000L * (i + 1)));
                written.add(full(a));
            }
        }
        List<Long> lengths = entryLengths(cfg);
        assertEquals(5, lengths.size());
        // entries 3..5 refer to 1 and 2: the texts (~100 bytes of Alerts.sample) replaced by 8 bytes
        for (int i = 2; i < 5; i++) {
            assertTrue(lengths.get(i) < lengths.get(i < 4 ? 0 : 1) - 80, lengths.toString());
        }
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            List<String> read = new ArrayList<>();
            while (r.next() == JournalSchema.TAG_ALERT) {
                read.add(full(r.alert()));
            }
            assertEquals(written, read);
        }
    }

    @Test
    void aReaderStartingPastTheTextsReadsThemFromTheirEntry() {
        JournalConfig cfg = JournalConfig.at(dir);
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            for (int i = 1; i <= 6; i++) {
                j.append(alert(a, i, 2019400 + (i % 2), i * 1_000L));
            }
            String last = full(a);
            long sixth;
            try (JournalReader r = j.reader().fromTime(5_000L)) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(5, r.alert().alertId);
                assertEquals("ET MALWARE test \"quoted\" é \uD83D\uDE00 2019401", r.alert().msg.toString());
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(last, full(r.alert()));
                sixth = r.index();
            }
            try (JournalReader r = j.reader()) {
                assertTrue(r.moveToIndex(sixth));
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(last, full(r.alert()));
            }
            // a follower that opened at the end
            try (JournalReader r = AlertJournal.openReader(cfg).toEnd()) {
                assertEquals(JournalReader.NONE, r.next());
                j.append(alert(a, 7, 2019401, 7_000L));
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(full(a), full(r.alert()));
            }
        }
    }

    @Test
    void changedTextsUnderTheSameRevAreWrittenAgain() {
        JournalConfig cfg = JournalConfig.at(dir);
        List<String> written = new ArrayList<>();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            j.append(alert(a, 1, 2019401, 1));
            written.add(full(a));
            alert(a, 2, 2019401, 2);
            AlertRecord.set(a.msg, "ET MALWARE edited without a new rev");
            j.append(a);
            written.add(full(a));
            alert(a, 3, 2019401, 3);
            AlertRecord.set(a.metadata, "signature_severity Minor");
            j.append(a);
            written.add(full(a));
            alert(a, 4, 2019401, 4);
            AlertRecord.set(a.category, "");
            j.append(a);
            written.add(full(a));
            alert(a, 5, 2019401, 5); // the first texts again
            j.append(a);
            written.add(full(a));
            alert(a, 6, 2019401, 6);
            j.append(a);
            written.add(full(a));
        }
        List<Long> lengths = entryLengths(cfg);
        assertTrue(lengths.get(5) < lengths.get(4) - 80, "the sixth refers to the fifth: " + lengths);
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            List<String> read = new ArrayList<>();
            while (r.next() == JournalSchema.TAG_ALERT) {
                read.add(full(r.alert()));
            }
            assertEquals(written, read);
        }
    }

    /** An EVE line whose rule part reads {@code rule} at {@code [10, 10 + rule.length())}. */
    private static void eve(AlertRecord a, long id, String rule) {
        byte[] line = ("{\"ts\":" + String.format("%03d", id % 1000) + "," + rule + ",\"flow\":" + id + "}")
                .getBytes(StandardCharsets.UTF_8);
        a.eve(line, 0, line.length);
        a.eveRuleSpan(10, rule.length());
    }

    @Test
    void theEveRuleSpanIsLeftOutOfReferencesAndAChangedSpanIsWrittenAgain() {
        JournalConfig cfg = JournalConfig.at(dir);
        List<String> written = new ArrayList<>();
        String rule = "\"alert\":{\"gid\":1,\"signature_id\":2019401,\"metadata\":{\"x\":[\"y\"]}}";
        String edited = rule.replace("\"y\"", "\"z\"");
        Object key = new Object();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            String[] spans = {rule, rule, edited, edited, rule, rule};
            long fourth = -1;
            for (int i = 0; i < spans.length; i++) {
                alert(a, i + 1, 2019401, i + 1);
                eve(a, i + 1, spans[i]);
                long index = j.append(a);
                written.add(full(a));
                if (i == 3) {
                    fourth = index;
                }
            }
            // a reader that starts at a reference reads the span from the entry it refers to
            try (JournalReader r = j.reader()) {
                assertTrue(r.moveToIndex(fourth));
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(written.get(3), full(r.alert()));
            }
            // with a producer key the texts are not compared, but a span of another length is written again
            alert(a, 7, 2019401, 7);
            a.ruleKey = key;
            eve(a, 7, rule + " ");
            j.append(a);
            written.add(full(a));
            alert(a, 8, 2019401, 8);
            a.ruleKey = key;
            eve(a, 8, rule + " ");
            j.append(a);
            written.add(full(a));
        }
        List<Long> lengths = entryLengths(cfg);
        int span = rule.length();
        // 2 refers to 1, 4 to 3, 6 to 5, 8 to 7: texts and span left out; 3, 5 and 7 carry theirs again
        for (int ref : new int[] {1, 3, 5, 7}) {
            assertTrue(lengths.get(ref) < lengths.get(ref - 1) - 80 - span, lengths.toString());
        }
        for (int inline : new int[] {2, 4, 6}) {
            assertTrue(lengths.get(inline) > lengths.get(inline - 1) + 80 + span - 2, lengths.toString());
        }
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            List<String> read = new ArrayList<>();
            while (r.next() == JournalSchema.TAG_ALERT) {
                read.add(full(r.alert()));
                assertEquals(10, r.alert().eveRuleSpanStart());
            }
            assertEquals(written, read);
        }
    }

    @Test
    void eachCycleFileCarriesItsOwnTextsSoRetentionOrphansNone() {
        SetTimeProvider clock = new SetTimeProvider(Duration.ofDays(20000).toNanos());
        JournalConfig cfg = JournalConfig.at(dir).rollCycle(TestRollCycles.TEST_SECONDLY).clock(clock)
                .maxAge(Duration.ofSeconds(3)).blockSize(1 << 16);
        List<String> written = new ArrayList<>();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            for (int s = 0; s < 10; s++) {
                // three alerts of one rule a second: the first of each second carries the texts
                for (int k = 0; k < 3; k++) {
                    int id = s * 3 + k + 1;
                    j.append(alert(a, id, 2019401, s * 1_000_000_000L + k));
                    if (s >= 6) {
                        written.add(full(a));
                    }
                }
                clock.advanceMillis(1000);
            }
            assertEquals(6, j.filesDeleted());
            try (JournalReader r = j.reader()) {
                List<String> read = new ArrayList<>();
                while (r.next() == JournalSchema.TAG_ALERT) {
                    read.add(full(r.alert()));
                }
                assertEquals(written, read);
            }
        }
        List<Long> lengths = entryLengths(cfg);
        assertEquals(12, lengths.size());
        for (int i = 0; i < 12; i++) {
            boolean first = i % 3 == 0;
            assertEquals(first, lengths.get(i) > lengths.get(1) + 80, "entry " + i + ": " + lengths);
        }
    }

    @Test
    void aProducerKeySkipsTheComparisonAndANewKeyComparesAgain() {
        JournalConfig cfg = JournalConfig.at(dir);
        List<String> written = new ArrayList<>();
        Object loaded = new Object();
        Object reloaded = new Object();
        Object edited = new Object();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            Object[] keys = {loaded, loaded, reloaded, edited, edited, null};
            for (int i = 0; i < keys.length; i++) {
                alert(a, i + 1, 2019401, i + 1);
                if (keys[i] == edited) {
                    AlertRecord.set(a.msg, "ET MALWARE reloaded with a new msg");
                }
                a.ruleKey = keys[i];
                j.append(a);
                written.add(full(a));
            }
        }
        List<Long> lengths = entryLengths(cfg);
        long inline = lengths.get(0);
        // 1 texts, 2 same key, 3 new key same texts, 4 new texts, 5 same key, 6 no key: compared
        assertEquals(List.of(true, false, false, true, false, true),
                lengths.stream().map(n -> n > lengths.get(1) + 20).toList(), lengths + " first " + inline);
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            List<String> read = new ArrayList<>();
            while (r.next() == JournalSchema.TAG_ALERT) {
                read.add(full(r.alert()));
            }
            assertEquals(written, read);
        }
    }

    @Test
    void thousandsOfRulesEachCarryTheirTextsOnce() {
        JournalConfig cfg = JournalConfig.at(dir);
        int rules = 3000; // past several growths of the writer's table
        List<String> written = new ArrayList<>();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            for (int round = 0; round < 2; round++) {
                for (int r = 0; r < rules; r++) {
                    int id = round * rules + r + 1;
                    alert(a, id, 2_000_000 + r, id);
                    AlertRecord.set(a.msg, "ET rule " + r + " of many");
                    a.rev = 1 + r % 3;
                    j.append(a);
                    written.add(full(a));
                }
            }
        }
        List<Long> lengths = entryLengths(cfg);
        for (int r = 0; r < rules; r++) {
            assertTrue(lengths.get(rules + r) < lengths.get(r) - 80, "rule " + r + ": " + lengths.get(r) + " then "
                    + lengths.get(rules + r));
        }
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            List<String> read = new ArrayList<>();
            while (r.next() == JournalSchema.TAG_ALERT) {
                read.add(full(r.alert()));
            }
            assertEquals(written, read);
        }
    }

    @Test
    void aVersionTwoJournalReadsAndTakesVersionThreeAppends() {
        JournalConfig cfg = JournalConfig.at(dir);
        List<String> written = new ArrayList<>();
        try (AlertJournal j = AlertJournal.open(cfg)) {
            // what earlier builds wrote: every text in every alert
            AlertRecord a = new AlertRecord();
            for (int i = 1; i <= 3; i++) {
                alert(a, i, 2019401, i);
                Bytes<?> b = Bytes.allocateElasticOnHeap(512);
                JournalSchemaTest.writeFieldByField(b, a, 2, JournalSchema.NO_RULE_ENTRY);
                j.appendRaw(b.toByteArray());
                written.add(full(a));
            }
        }
        try (AlertJournal j = AlertJournal.open(cfg)) {
            // the upgraded writer goes on in the same cycle file
            AlertRecord a = new AlertRecord();
            for (int i = 4; i <= 6; i++) {
                j.append(alert(a, i, 2019401, i));
                written.add(full(a));
            }
            assertEquals(6, j.lastAlertId());
        }
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            List<String> read = new ArrayList<>();
            while (r.next() == JournalSchema.TAG_ALERT) {
                read.add(full(r.alert()));
            }
            assertEquals(written, read);
        }
    }

    @Test
    void aReferenceToAnEntryThatIsNotAnAlertIsAClearError() {
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            long action = j.append(new OperatorAction().set(1, "admin", "mask", "sid:1", ""));
            AlertRecord a = alert(new AlertRecord(), 1, 2019401, 2);
            Bytes<?> b = Bytes.allocateElasticOnHeap(512);
            JournalSchemaTest.writeFieldByField(b, a, 3, action);
            j.appendRaw(b.toByteArray());
            try (JournalReader r = j.reader()) {
                assertEquals(JournalSchema.TAG_ACTION, r.next());
                JournalSchemaException e = assertThrows(JournalSchemaException.class, r::next);
                assertTrue(e.getMessage().contains("rule text entry " + Long.toHexString(action) + " is not in the journal"),
                        e.getMessage());
            }
        }
    }

    /**
     * A producer that leaves the texts to be copied (as scan and the sensor do) has them copied
     * for the entry that carries them and for the scorer's first look at the rule, not per alert;
     * every alert reads back with them.
     */
    @Test
    void textsLeftToTheProducerAreCopiedOnlyWhereNeeded() {
        JournalConfig cfg = JournalConfig.at(dir).pretouch(false);
        int[] copies = new int[1];
        AlertRecord.RuleTextSource source = (key, into) -> {
            copies[0]++;
            AlertRecord.set(into.msg, "msg of " + key);
            AlertRecord.set(into.classtype, "trojan-activity");
            AlertRecord.set(into.category, "A Network Trojan was detected");
            AlertRecord.set(into.metadata, "signature_severity Major");
        };
        String[] rules = {"rule-a", "rule-b"};
        try (AlertJournal j = AlertJournal.open(cfg)) {
            dev.rampart.alerts.score.ScoreConfig sc = dev.rampart.alerts.score.ScoreConfig.defaults();
            AlertSink sink = new AlertSink(j, new dev.rampart.alerts.score.MaskSet(), new dev.rampart.alerts.score.RuleScorer(sc), new dev.rampart.alerts.score.IncidentTracker(sc));
            AlertRecord a = new AlertRecord();
            for (int i = 0; i < 10; i++) {
                alert(a, 0, 2_000_000 + i % 2, 1_764_000_000_000_000_000L + i);
                AlertRecord.set(a.msg, "");
                AlertRecord.set(a.metadata, "");
                a.ruleKey = rules[i % 2];
                a.textsFrom(source);
                sink.accept(a);
            }
        }
        // per rule: one copy for the scorer's first alert, which also carries the texts in the journal
        assertEquals(2, copies[0]);
        try (JournalReader r = AlertJournal.openReader(cfg)) {
            int alerts = 0;
            int tag;
            while ((tag = r.next()) != JournalReader.NONE) {
                if (tag == JournalSchema.TAG_ALERT) {
                    AlertRecord a = r.alert();
                    assertEquals("msg of " + rules[(int) (a.sid % 2)], a.msg.toString());
                    assertEquals("signature_severity Major", a.metadata.toString());
                    assertTrue(a.score > 0, a.toString());
                    alerts++;
                }
            }
            assertEquals(10, alerts);
        }
    }
}
