package dev.rampart.cli.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.AlertSink;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.OperatorAction;
import dev.rampart.alerts.score.IncidentTracker;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.alerts.score.RuleScorer;
import dev.rampart.alerts.score.ScoreConfig;
import dev.rampart.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts commands read a journal that a writer in this JVM keeps appending to. */
class AlertsCommandTest {
    private static final long T0 = 1_764_000_000L; // 2025-11-24T16:00:00Z
    private static final int A = 0x0A000001; // 10.0.0.1
    private static final int B = 0xC0A80001; // 192.168.0.1
    private static final int C = 0xC0A80002; // 192.168.0.2

    @TempDir
    Path dir;

    private AlertJournal journal;
    private AlertSink sink;
    private final AlertRecord a = new AlertRecord();

    @BeforeEach
    void open() {
        journal = AlertJournal.open(JournalConfig.at(dir));
        MaskSet masks = new MaskSet();
        masks.maskSid(3003);
        ScoreConfig cfg = ScoreConfig.defaults();
        sink = new AlertSink(journal, masks, new RuleScorer(cfg), new IncidentTracker(cfg));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private long alert(long sid, String severityWord, int priority, int src, int dst, long second) {
        a.clear();
        a.timestampNanos = (T0 + second) * 1_000_000_000L + 123_456_000L;
        a.flowId = 77 + second;
        a.srcV4(src).dstV4(dst);
        a.srcPort = 40000;
        a.dstPort = 80;
        a.proto = 6;
        AlertRecord.set(a.appProto, "http");
        a.direction = AlertRecord.DIR_TO_SERVER;
        a.sid = sid;
        a.rev = 3;
        AlertRecord.set(a.msg, "ET TEST rule " + sid);
        AlertRecord.set(a.classtype, "trojan-activity");
        AlertRecord.set(a.category, "A Network Trojan was detected");
        a.severity = priority;
        AlertRecord.set(a.metadata, "signature_severity " + severityWord + ", attack_target Client_Endpoint");
        return sink.accept(a);
    }

    private void fill() {
        alert(1001, "Informational", 3, A, B, 0); // 1
        alert(1002, "Minor", 2, A, B, 10); // 2
        alert(2001, "Major", 1, C, B, 20); // 3: incident 3
        alert(3003, "Major", 1, C, B, 30); // 4: masked
        alert(1002, "Minor", 2, B, C, 40); // 5: joins incident 3 (same host pair)
        journal.append(new OperatorAction().set((T0 + 50) * 1_000_000_000L, "admin", "mask", "sid:3003", "noise"));
    }

    private static List<String> lines(String out) {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Test
    void queryFiltersBySidHostSeverityTimeAndIncident() {
        fill();
        Cli all = Cli.run("alerts", "query", "-J", dir.toString());
        assertEquals(0, all.exit, all.toString());
        assertEquals(5, lines(all.out).size(), all.toString());
        assertTrue(all.err.contains("5 alert(s)"), all.err);
        assertTrue(all.out.contains("[1:2001:3] ET TEST rule 2001"), all.out);
        assertTrue(all.out.contains("alert=4 score=0 MASKED"), all.out);

        Cli bySid = Cli.run("alerts", "query", "-J", dir.toString(), "--sid", "1002");
        assertEquals(List.of(2L, 5L), ids(bySid.out), bySid.toString());

        Cli byHost = Cli.run("alerts", "query", "-J", dir.toString(), "--host", "10.0.0.1");
        assertEquals(List.of(1L, 2L), ids(byHost.out), byHost.toString());

        Cli byPriority = Cli.run("alerts", "query", "-J", dir.toString(), "--severity", "2");
        assertEquals(List.of(2L, 3L, 4L, 5L), ids(byPriority.out), byPriority.toString());
        Cli byWord = Cli.run("alerts", "query", "-J", dir.toString(), "--severity", "major", "--no-masked");
        assertEquals(List.of(3L), ids(byWord.out), byWord.toString());

        Cli byTime = Cli.run("alerts", "query", "-J", dir.toString(), "--from", "2025-11-24T16:00:10Z",
                "--to", Long.toString(T0 + 31));
        assertEquals(List.of(2L, 3L, 4L), ids(byTime.out), byTime.toString());

        Cli byIncident = Cli.run("alerts", "query", "-J", dir.toString(), "--incident", "3");
        assertEquals(List.of(3L, 5L), ids(byIncident.out), byIncident.toString());

        Cli badHost = Cli.run("alerts", "query", "-J", dir.toString(), "--host", "example.com");
        assertEquals(2, badHost.exit, badHost.toString());
        Cli noJournal = Cli.run("alerts", "query", "-J", dir.resolve("missing").toString());
        assertEquals(2, noJournal.exit, noJournal.toString());
    }

    @Test
    void exportWritesSuricataEveAlertLines() throws Exception {
        fill();
        Path out = dir.resolve("../export-" + System.nanoTime() + ".json").normalize();
        try {
            Cli export = Cli.run("alerts", "export", "--format", "eve", "-J", dir.toString(), "-o", out.toString());
            assertEquals(0, export.exit, export.toString());
            List<String> json = Files.readAllLines(out);
            assertEquals(5, json.size());
            ObjectMapper m = new ObjectMapper();
            JsonNode e = m.readTree(json.get(2));
            assertEquals("alert", e.get("event_type").asText());
            assertEquals("2025-11-24T16:00:20.123456+0000", e.get("timestamp").asText());
            assertEquals("192.168.0.2", e.get("src_ip").asText());
            assertEquals("192.168.0.1", e.get("dest_ip").asText());
            assertEquals(40000, e.get("src_port").asInt());
            assertEquals("TCP", e.get("proto").asText());
            assertEquals("http", e.get("app_proto").asText());
            assertEquals("to_server", e.get("direction").asText());
            JsonNode alert = e.get("alert");
            assertEquals("allowed", alert.get("action").asText());
            assertEquals(2001, alert.get("signature_id").asLong());
            assertEquals(3, alert.get("rev").asInt());
            assertEquals("ET TEST rule 2001", alert.get("signature").asText());
            assertEquals("A Network Trojan was detected", alert.get("category").asText());
            assertEquals(1, alert.get("severity").asInt());
            assertEquals("Major", alert.get("metadata").get("signature_severity").get(0).asText());
            assertEquals(3, e.get("rampart").get("incident_id").asLong());
            assertEquals(50, e.get("rampart").get("score").asInt());
            assertTrue(m.readTree(json.get(3)).get("rampart").get("masked").asBoolean());

            Cli wrong = Cli.run("alerts", "export", "--format", "csv", "-J", dir.toString());
            assertEquals(2, wrong.exit, wrong.toString());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void tailPrintsTheLastEntriesAndFollowsTheWriter() throws Exception {
        fill();
        Cli last = Cli.run("alerts", "tail", "-J", dir.toString(), "-n", "2");
        assertEquals(0, last.exit, last.toString());
        List<String> l = lines(last.out);
        assertEquals(2, l.size(), last.toString());
        assertTrue(l.get(0).contains("INCIDENT 3") || l.get(0).contains("alert=5"), l.toString());
        assertTrue(l.get(1).contains("ACTION admin mask sid:3003 (noise)"), l.toString());

        CompletableFuture<Cli> follower = CompletableFuture.supplyAsync(
                () -> Cli.run("alerts", "tail", "-J", dir.toString(), "-n", "1", "--follow", "-m", "3", "--poll-ms", "5"));
        Thread.sleep(300);
        assertFalse(follower.isDone(), "waits for the writer");
        alert(4001, "Minor", 2, A, C, 60);
        alert(4002, "Minor", 2, A, C, 61);
        Cli followed = follower.get(20, TimeUnit.SECONDS);
        assertEquals(0, followed.exit, followed.toString());
        List<String> f = lines(followed.out);
        assertEquals(3, f.size(), followed.toString());
        assertTrue(f.get(0).contains("ACTION"), f.toString());
        assertTrue(f.get(1).contains("[1:4001:3]"), f.toString());
        assertTrue(f.get(2).contains("[1:4002:3]"), f.toString());
    }

    private static List<Long> ids(String out) {
        return lines(out).stream().map(s -> {
            int at = s.indexOf("alert=") + 6;
            int end = s.indexOf(' ', at);
            return Long.parseLong(s.substring(at, end));
        }).toList();
    }
}
