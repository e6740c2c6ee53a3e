package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.openhft.chronicle.core.analytics.AnalyticsFacade;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertJournalTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryRecordType() {
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            AlertRecord a = Alerts.sample(new AlertRecord(), 7, 2019401, 1_700_000_000_123_456_789L);
            a.srcHi = 0x20010db800000000L;
            a.srcLo = 0x1L;
            a.ipVersion = 6;
            a.score = 50;
            a.incidentId = 3;
            a.masked = true;
            byte[] eve = "{\"event_type\":\"alert\"}".getBytes(StandardCharsets.UTF_8);
            a.eve(eve, 0, eve.length);
            j.append(a);
            IncidentRecord inc = new IncidentRecord();
            inc.incidentId = 3;
            inc.keyKind = IncidentRecord.KEY_FLOW;
            inc.flowId = 1007;
            inc.score = 50;
            inc.addAlert(7);
            inc.addSid(2019401);
            inc.firstSeenNanos = 5;
            inc.lastSeenNanos = 9;
            j.append(inc);
            j.append(new OperatorAction().set(11, "admin", "mask", "sid:2019401", "noisy"));

            try (JournalReader r = j.reader()) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                AlertRecord b = r.alert();
                assertEquals(a.toString(), b.toString());
                assertEquals(1_700_000_000_123_456_789L, b.timestampNanos);
                assertEquals(0x20010db800000000L, b.srcHi);
                assertEquals(6, b.ipVersion);
                assertEquals("ET MALWARE test \"quoted\" é \uD83D\uDE00 2019401", b.msg.toString());
                assertEquals("signature_severity Major, attack_target Client_Endpoint", b.metadata.toString());
                assertEquals("http", b.appProto.toString());
                assertTrue(b.masked);
                assertEquals(3, b.incidentId);
                assertEquals("{\"event_type\":\"alert\"}", new String(b.eveBytes(), 0, b.eveLength(), StandardCharsets.UTF_8));
                assertEquals(JournalSchema.TAG_INCIDENT, r.next());
                assertEquals(1007, r.incident().flowId);
                assertTrue(r.incident().hasAlert(7));
                assertEquals(1, r.incident().sidCount);
                assertEquals(JournalSchema.TAG_ACTION, r.next());
                assertEquals("admin mask sid:2019401", r.action().actor + " " + r.action().action + " " + r.action().target);
                assertEquals(JournalReader.NONE, r.next());
            }
        }
    }

    @Test
    void aSecondReaderSeesWhatTheWriterAppendsAfterItOpened() {
        JournalConfig cfg = JournalConfig.at(dir);
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            j.append(Alerts.sample(a, 1, 10, 1));
            try (JournalReader r = AlertJournal.openReader(cfg)) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(JournalReader.NONE, r.next());
                j.append(Alerts.sample(a, 2, 20, 2));
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                assertEquals(20, r.alert().sid);
            }
        }
    }

    @Test
    void newerSchemaVersionIsAClearError() {
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            j.append(Alerts.sample(new AlertRecord(), 1, 10, 1));
            j.appendRaw(new byte[] {(byte) (JournalSchema.VERSION + 1), JournalSchema.TAG_ALERT, 0, 0});
            try (JournalReader r = j.reader()) {
                assertEquals(JournalSchema.TAG_ALERT, r.next());
                JournalSchemaException e = assertThrows(JournalSchemaException.class, r::next);
                assertTrue(e.getMessage().contains("schema version " + (JournalSchema.VERSION + 1)), e.getMessage());
            }
        }
    }

    @Test
    void unknownRecordTypeIsAClearError() {
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            j.appendRaw(new byte[] {JournalSchema.VERSION, 99});
            try (JournalReader r = j.reader()) {
                JournalSchemaException e = assertThrows(JournalSchemaException.class, r::next);
                assertTrue(e.getMessage().contains("unknown record type 99"), e.getMessage());
            }
        }
    }

    @Test
    void fromTimeSkipsOlderEntries() {
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            AlertRecord a = new AlertRecord();
            for (int i = 1; i <= 10; i++) {
                j.append(Alerts.sample(a, i, i, i * 1_000L));
            }
            try (JournalReader r = j.reader().fromTime(7_000L)) {
                List<Long> sids = new ArrayList<>();
                while (r.next() == JournalSchema.TAG_ALERT) {
                    sids.add(r.alert().sid);
                }
                assertEquals(List.of(7L, 8L, 9L, 10L), sids);
            }
        }
    }

    @Test
    void rollsAndDeletesCyclesOlderThanMaxAge() throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Duration.ofDays(20000).toNanos());
        JournalConfig cfg = JournalConfig.at(dir).rollCycle(TestRollCycles.TEST_SECONDLY).clock(clock)
                .maxAge(Duration.ofSeconds(3)).blockSize(1 << 16);
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            for (int s = 0; s < 10; s++) {
                j.append(Alerts.sample(a, s + 1, s + 1, s));
                clock.advanceMillis(1000);
            }
            // at second 9 the cycles of seconds 0..5 ended 3 s or more ago
            assertEquals(6, j.filesDeleted());
            assertEquals(4, cycleFiles().size());
            try (JournalReader r = j.reader()) {
                List<Long> sids = new ArrayList<>();
                while (r.next() == JournalSchema.TAG_ALERT) {
                    sids.add(r.alert().sid);
                }
                assertEquals(List.of(7L, 8L, 9L, 10L), sids);
            }
        }
    }

    @Test
    void deletesOldestCyclesOverMaxBytesButNeverTheCurrentOne() throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Duration.ofDays(20000).toNanos());
        JournalConfig cfg = JournalConfig.at(dir).rollCycle(TestRollCycles.TEST_SECONDLY).clock(clock).blockSize(1 << 16);
        long oneCycle;
        try (AlertJournal j = AlertJournal.open(cfg)) {
            j.append(Alerts.sample(new AlertRecord(), 1, 1, 1));
            oneCycle = cycleFiles().stream().mapToLong(p -> p.toFile().length()).max().orElseThrow();
        }
        cfg.maxBytes(oneCycle * 3);
        try (AlertJournal j = AlertJournal.open(cfg)) {
            AlertRecord a = new AlertRecord();
            for (int s = 1; s < 8; s++) {
                clock.advanceMillis(1000);
                j.append(Alerts.sample(a, s + 1, s + 1, s));
            }
            long total = cycleFiles().stream().mapToLong(p -> p.toFile().length()).sum();
            assertTrue(total <= oneCycle * 3, "total " + total + " over " + oneCycle * 3);
            try (JournalReader r = j.reader().toEnd()) {
                assertEquals(JournalReader.NONE, r.next());
            }
            try (JournalReader r = j.reader()) {
                long last = -1;
                while (r.next() == JournalSchema.TAG_ALERT) {
                    last = r.alert().sid;
                }
                assertEquals(8, last, "the current cycle's alert is kept");
            }
        }
        assertFalse(cycleFiles().isEmpty());
    }

    @Test
    void chronicleAnalyticsAreOffAndNothingPhonesHome() throws IOException {
        List<URI> contacted = new ArrayList<>();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                contacted.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            AlertRecord a = new AlertRecord();
            for (int i = 0; i < 100; i++) {
                j.append(Alerts.sample(a, i, i, i));
            }
            try (JournalReader r = j.reader()) {
                while (r.next() != JournalReader.NONE) {
                    // drain
                }
            }
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertEquals("true", System.getProperty(ChronicleSetup.ANALYTICS_DISABLE));
        assertFalse(AnalyticsFacade.isEnabled(), "Chronicle analytics enabled");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.openhft.chronicle.analytics.Analytics"),
                "chronicle-analytics must stay off the class path");
        assertEquals(List.of(), contacted, "a URL connection was attempted");
        Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.toLowerCase().contains("analytic")).collect(Collectors.toSet());
        assertEquals(Set.of(), threads);
    }

    private List<Path> cycleFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".cq4")).toList();
        }
    }
}
