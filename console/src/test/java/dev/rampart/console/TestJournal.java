package dev.rampart.console;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.AlertSink;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes test journals through the real scoring sink (so incidents are raised as a sensor raises them). */
final class TestJournal {
    static final long T0 = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
    static final long[] SIDS = {2019401, 2019402, 2019403, 2019404, 2019405};

    private TestJournal() {
    }

    /**
     * {@code n} alerts one millisecond apart over five rules: sid i%5, source 10.0.(i%7).1 to
     * 192.168.1.1, severity 1 + i%3 (priority), Major for sid 2019401 (raises incidents), Minor
     * otherwise; one flow per source host. Returns the number of incidents raised.
     */
    static long write(Path dir, int n) {
        ScoreConfig cfg = ScoreConfig.defaults();
        try (AlertJournal j = AlertJournal.open(JournalConfig.at(dir))) {
            AlertSink sink = new AlertSink(j, new MaskSet(), new RuleScorer(cfg), new IncidentTracker(cfg));
            AlertRecord a = new AlertRecord();
            byte[] payload = "GET /evil.php?x=1 HTTP/1.1\r\nHost: bad.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < n; i++) {
                a.clear();
                a.timestampNanos = T0 + i * 1_000_000L;
                int h = i % 7;
                a.srcV4(0x0A000001 | (h << 8)).dstV4(0xC0A80101);
                a.srcPort = 40000 + h;
                a.dstPort = 80;
                a.proto = 6;
                a.flowId = 100 + h;
                AlertRecord.set(a.appProto, "http");
                a.direction = AlertRecord.DIR_TO_SERVER;
                a.sid = SIDS[i % 5];
                a.rev = 1;
                AlertRecord.set(a.msg, "ET TEST rule " + a.sid + " <script>");
                AlertRecord.set(a.classtype, "trojan-activity");
                AlertRecord.set(a.category, "A Network Trojan was detected");
                a.severity = 1 + i % 3;
                AlertRecord.set(a.metadata, a.sid == SIDS[0] ? "signature_severity Major" : "signature_severity Informational");
                a.payload(payload, 0, payload.length);
                sink.accept(a);
            }
            return sink.incidents().incidentsRaised();
        }
    }
}
