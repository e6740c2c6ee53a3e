package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.cli.Cli;
import dev.rampart.cli.demo.DemoTraffic;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan} with rules: EVE alerts as Suricata writes them, and the same alerts in the journal. */
class ScanAlertsTest {
    @TempDir
    Path dir;

    /** Suricata 7.0.10 on the demo capture and rules (HOME_NET 192.168.56.0/24): sid -> pcap_cnt, one alert each. */
    private static final TreeMap<Long, Long> REFERENCE = new TreeMap<>(java.util.Map.ofEntries(
            java.util.Map.entry(9000001L, 29L), java.util.Map.entry(9000002L, 29L), java.util.Map.entry(9000003L, 39L),
            java.util.Map.entry(9000004L, 41L), java.util.Map.entry(9000005L, 49L), java.util.Map.entry(9000006L, 51L),
            java.util.Map.entry(9000007L, 49L), java.util.Map.entry(9000008L, 29L), java.util.Map.entry(9000009L, 13L),
            java.util.Map.entry(9000010L, 13L), java.util.Map.entry(9000011L, 20L)));

    @Test
    void demoCaptureGivesTheReferenceAlertsInEveAndInTheJournal() throws Exception {
        Path pcap = dir.resolve("demo.pcap");
        Files.write(pcap, DemoTraffic.pcapBytes());
        Path rules = dir.resolve("demo.rules");
        try (InputStream in = ScanAlertsTest.class.getResourceAsStream("/demo/demo.rules")) {
            Files.write(rules, in.readAllBytes());
        }
        Path out = dir.resolve("out");
        Path journal = dir.resolve("journal");
        Cli r = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", out.toString(),
                "--set", "vars.address-groups.HOME_NET=[192.168.56.0/24]", "--journal", journal.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("rules: 15 loaded, 0 failed to parse, 0 not supported by the engine yet; 11 alerts"), r.out);
        // the start-up phases in load order, then the scan thread's CPU
        assertTrue(java.util.regex.Pattern.compile("(?m)^load: read\\+parse [0-9.]+ s \\(CPU [0-9.]+ s\\), compile .*, "
                + "order .*, groups .*, of which prefilters .*; ready [0-9.]+ s after JVM start "
                + "\\([0-9.]+ s before reading rules, -?[0-9.]+ s after the plan\\)$").matcher(r.out).find(), r.out);
        assertTrue(java.util.regex.Pattern.compile("(?m)^cpu: scan thread [0-9.]+ s, process [0-9.]+ s$").matcher(r.out).find(),
                r.out);

        TreeMap<Long, Long> eve = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve("eve.json"))) {
            JsonNode e = json.readTree(line);
            if (e.get("event_type").asText().equals("alert")) {
                assertEquals(null, eve.put(e.at("/alert/signature_id").asLong(), e.get("pcap_cnt").asLong()), line);
                assertTrue(e.has("flow_id") && e.has("flow") && e.has("app_proto"), line);
            }
        }
        assertEquals(REFERENCE, eve);

        List<String> eveLines = Files.readAllLines(out.resolve("eve.json"));
        List<Long> journaled = new ArrayList<>();
        try (JournalReader reader = AlertJournal.openReader(JournalConfig.at(journal))) {
            reader.toStart();
            int type;
            while ((type = reader.next()) != JournalReader.NONE) {
                if (type == JournalSchema.TAG_ALERT) {
                    journaled.add(reader.alert().sid);
                    assertTrue(reader.alert().eveFields, "the journal keeps EVE fields, not lines");
                    // the line rendered from them has its rule part marked
                    String line = new String(reader.alert().eveBytes(), 0, reader.alert().eveLength(),
                            java.nio.charset.StandardCharsets.UTF_8);
                    int at = reader.alert().eveRuleSpanStart();
                    assertTrue(line.substring(at, at + reader.alert().eveRuleSpanLength())
                            .startsWith("\"gid\":1,\"signature_id\":" + reader.alert().sid + ","), line);
                }
            }
        }
        // the journal's EVE export is eve.json's alert lines, byte for byte and in order
        Path export = dir.resolve("export.json");
        Cli x = Cli.run("alerts", "export", "--format", "eve", "-J", journal.toString(), "-o", export.toString());
        assertEquals(0, x.exit, x.toString());
        List<String> alertLines = new ArrayList<>();
        for (String line : eveLines) {
            if (json.readTree(line).get("event_type").asText().equals("alert")) {
                alertLines.add(line);
            }
        }
        assertEquals(11, alertLines.size());
        assertEquals(String.join("\n", alertLines) + "\n", Files.readString(export, java.nio.charset.StandardCharsets.UTF_8));
        journaled.sort(null);
        assertEquals(new ArrayList<>(REFERENCE.keySet()), journaled);
    }

    @Test
    void consoleMasksFileFlagsMatchingAlertsInTheJournal() throws Exception {
        Path pcap = dir.resolve("demo.pcap");
        Files.write(pcap, DemoTraffic.pcapBytes());
        Path rules = dir.resolve("demo.rules");
        try (InputStream in = ScanAlertsTest.class.getResourceAsStream("/demo/demo.rules")) {
            Files.write(rules, in.readAllBytes());
        }
        Path masks = dir.resolve("masks");
        Files.writeString(masks, "sid 9000001\nsid-host 9000004 either 203.0.113.66\n");
        Path journal = dir.resolve("journal");
        Cli r = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", dir.resolve("out").toString(), "-q",
                "--set", "vars.address-groups.HOME_NET=[192.168.56.0/24]", "--journal", journal.toString(), "--masks", masks.toString());
        assertEquals(0, r.exit, r.toString());
        List<Long> masked = new ArrayList<>();
        int alerts = 0;
        try (JournalReader reader = AlertJournal.openReader(JournalConfig.at(journal))) {
            int type;
            while ((type = reader.next()) != JournalReader.NONE) {
                if (type == JournalSchema.TAG_ALERT) {
                    alerts++;
                    if (reader.alert().masked) {
                        masked.add(reader.alert().sid);
                        assertEquals(0, reader.alert().score);
                    }
                }
            }
        }
        assertEquals(11, alerts, "masked alerts stay in the journal");
        masked.sort(null);
        assertEquals(List.of(9000001L, 9000004L), masked);

        Files.writeString(masks, "sid nine\n");
        Cli bad = Cli.run("scan", "-r", pcap.toString(), "-S", rules.toString(), "-l", dir.resolve("out2").toString(),
                "--journal", dir.resolve("j2").toString(), "--masks", masks.toString());
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("--masks: " + masks + ":1: not a sid: nine"), bad.err);
    }
}
