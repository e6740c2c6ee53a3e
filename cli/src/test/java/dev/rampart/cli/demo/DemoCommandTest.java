package dev.rampart.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    /** An alert row of the demo's detection table: sid, action, packet tuple. */
    private static final Pattern ALERT_ROW = Pattern.compile("^  \\d{4}-\\d\\d-\\d\\d [\\d:.]+ (\\d+) +(\\w+) ", Pattern.MULTILINE);

    @Test
    void demoSummarisesRulesAndCaptureAndListsTheReferenceAlerts() {
        Cli r = Cli.run("demo");
        assertEquals(0, r.exit, r.toString());
        String o = r.out;
        assertTrue(o.contains("Rules: demo.rules (embedded)"), o);
        assertTrue(o.contains("15 rules: 15 loaded, 0 failed"), o);
        // the demo runs the real packet path over the capture
        assertTrue(o.contains("decoder: 54 packets, 0 invalid, 54 IPv4"), o);
        assertTrue(o.contains("flows:   8 total (5 TCP, 3 UDP"), o);
        assertTrue(o.contains("TCP:     5 sessions, 5 SYN, 0 RST, 0 reassembly gaps, 0 bad checksums"), o);
        assertTrue(o.contains("by action:   alert 13, drop 1, pass 1"), o);
        assertTrue(o.contains("by protocol: http 9, dns 2, tls 2, tcp 1, udp 1"), o);
        assertTrue(o.contains("http.uri 4"), o);
        assertTrue(o.contains("9000001  alert  http  RAMPART DEMO sqlmap scanner User-Agent"), o);

        assertTrue(o.contains("Capture: demo.pcap (embedded)"), o);
        assertTrue(o.contains("54 packets"), o);
        assertTrue(o.contains("network:   ipv4 54"), o);
        assertTrue(o.contains("transport: tcp 48, udp 6"), o);
        assertTrue(o.contains("8 flows by 5-tuple"), o);
        assertTrue(o.contains("tcp   203.0.113.66:41234    -> 192.168.56.20:80"), o);
        assertTrue(o.contains("DNS query cdn.evil-updates.test A"), o);
        assertTrue(o.contains("TLS ClientHello, server name cdn.evil-updates.test"), o);
        assertTrue(o.contains("GET /uploads/shell.php?cmd=id HTTP/1.1"), o);
        assertTrue(o.contains("  User-Agent: sqlmap/1.8.2#stable"), o);

        // Suricata 7.0.10 (suricata-oracle, HOME_NET 192.168.56.0/24) alerts on exactly 9000001-9000011, once each
        assertTrue(o.contains("Detection: 15 rules evaluated, 0 not supported by the engine yet; 11 alerts"), o);
        java.util.List<Long> sids = new java.util.ArrayList<>();
        Matcher m = ALERT_ROW.matcher(o);
        while (m.find()) {
            sids.add(Long.parseLong(m.group(1)));
        }
        java.util.Collections.sort(sids);
        assertEquals(java.util.stream.LongStream.rangeClosed(9000001, 9000011).boxed().toList(), sids, o);
        assertTrue(o.contains("9000002  drop    203.0.113.66:41234 -> 192.168.56.20:80  RAMPART DEMO SQL injection"), o);
        assertTrue(o.contains("9000004  alert   192.168.56.20:80 -> 203.0.113.66:41236  RAMPART DEMO passwd file"), o);
        assertEquals("", r.err);
        removeDemoDir(o);
    }

    /** The demo keeps its journal for the console in a temporary folder; a test removes it after itself. */
    private static void removeDemoDir(String out) {
        Matcher m = Pattern.compile("^Journal: (\\S*rampart-demo[^/\\s]*)/journal ", Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), out);
        Path demoDir = Path.of(m.group(1));
        try (java.util.stream.Stream<Path> all = Files.walk(demoDir)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(!Files.exists(demoDir));
    }

    @Test
    void otherRulesAndCaptureCanBeGiven(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("x.rules");
        Files.writeString(rules, "alert udp any any -> any 53 (msg:\"x\"; content:\"a\"; sid:1;)\n"
                + "alert udp any any -> any 53 (msg:\"y\"; bogus; sid:2;)\n");
        Path pcap = dir.resolve("x.pcap");
        Files.write(pcap, DemoTraffic.pcapBytes());
        Cli r = Cli.run("demo", "-S", rules.toString(), "-r", pcap.toString());
        assertEquals(1, r.exit, "a failed rule is a finding: " + r);
        assertTrue(r.out.contains("2 rules: 1 loaded, 1 failed"), r.out);
        assertTrue(r.out.contains(rules + ":2: sid 2: unknown rule keyword 'bogus'"), r.out);
        assertTrue(r.out.contains("Capture: " + pcap), r.out);
        removeDemoDir(r.out);

        Files.writeString(pcap, "not a pcap");
        Cli bad = Cli.run("demo", "-r", pcap.toString());
        assertEquals(1, bad.exit, bad.toString());
        assertTrue(bad.err.toLowerCase(Locale.ROOT).contains("not a pcap or pcapng file"), bad.err);
    }

    @Test
    void demoJournalsItsAlertsWithPayloadExcerptsAndSaysHowToOpenTheConsole(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        Cli r = Cli.run("demo", "--journal", journal.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("Journal: " + journal + " (11 alerts, "), r.out);
        assertTrue(r.out.contains("  ./rampart console --journal " + journal + " --rules-dir " + dir.resolve("rules")), r.out);
        assertTrue(Files.exists(dir.resolve("rules/demo.rules")));
        int alerts = 0;
        String sqlmapPayload = null;
        try (dev.rampart.alerts.JournalReader reader = dev.rampart.alerts.AlertJournal.openReader(
                dev.rampart.alerts.JournalConfig.at(journal))) {
            int tag;
            while ((tag = reader.next()) != dev.rampart.alerts.JournalReader.NONE) {
                if (tag == dev.rampart.alerts.JournalSchema.TAG_ALERT) {
                    alerts++;
                    dev.rampart.alerts.AlertRecord a = reader.alert();
                    assertTrue(a.payloadLength() <= dev.rampart.alerts.AlertRecord.MAX_PAYLOAD_EXCERPT);
                    if (a.sid == 9000008) {
                        sqlmapPayload = new String(a.payloadBytes(), 0, a.payloadLength(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    }
                }
            }
        }
        assertEquals(11, alerts);
        // a stream match: the excerpt is the inspected stream data (the alerting packet is an ACK)
        assertTrue(sqlmapPayload != null && sqlmapPayload.contains("User-Agent: sqlmap"), "payload excerpt: " + sqlmapPayload);
    }
}
