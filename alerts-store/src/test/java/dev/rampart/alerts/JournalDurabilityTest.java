package dev.rampart.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a writing process loses no acknowledged alert and leaves a journal that opens cleanly. */
class JournalDurabilityTest {
    @TempDir
    Path dir;

    private Process startWriter() throws java.io.IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same --add-opens/-D flags this JVM got from surefire
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle") || a.startsWith("-Xss")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(JournalWriterProcess.class.getName());
        cmd.add(dir.toString());
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void anotherProcessReadsWhileTheWriterAppends() throws Exception {
        Process child = startWriter();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            assertEquals("ready", out.readLine());
            long acknowledged = Long.parseLong(out.readLine());
            try (JournalReader r = AlertJournal.openReader(JournalConfig.at(dir))) {
                long seen = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                // read past what was acknowledged when we opened, while the child keeps writing
                while (seen < acknowledged + 5_000 && System.nanoTime() < deadline) {
                    if (r.next() == JournalSchema.TAG_ALERT) {
                        seen++;
                        assertEquals(seen, r.alert().alertId);
                    }
                }
                assertTrue(seen >= acknowledged + 5_000, "read " + seen + " of a live journal");
                assertTrue(child.isAlive(), "the writer was still writing");
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killNineMidRunLosesNoAcknowledgedAlert() throws Exception {
        Process child = startWriter();
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            assertEquals("ready", out.readLine());
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line);
                if (acknowledged >= 20_000) {
                    break;
                }
            }
            assertTrue(acknowledged >= 20_000, "child stopped early at " + acknowledged);
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            // what it printed before dying was acknowledged too
            while ((line = out.readLine()) != null) {
                acknowledged = Long.parseLong(line);
            }
        } finally {
            child.destroyForcibly();
        }

        // the journal opens cleanly for a new writer, holds every acknowledged alert in order, and takes more
        try (AlertJournal journal = AlertJournal.open(JournalConfig.at(dir))) {
            long next = 1;
            try (JournalReader r = journal.reader()) {
                int tag;
                while ((tag = r.next()) != JournalReader.NONE) {
                    assertEquals(JournalSchema.TAG_ALERT, tag);
                    assertEquals(next, r.alert().alertId, "alerts in order, none missing");
                    assertEquals(2_000_000 + next % 100, r.alert().sid);
                    // its EVE line renders whole from the fields and the rule entry it refers to
                    String line = new String(r.alert().eveBytes(), 0, r.alert().eveLength(), StandardCharsets.UTF_8);
                    assertTrue(line.contains("\"signature_id\":" + r.alert().sid + ",") && line.endsWith("\"dest_port\":80}}"),
                            line);
                    next++;
                }
            }
            long found = next - 1;
            assertTrue(found >= acknowledged, "acknowledged " + acknowledged + " but found " + found);
            journal.append(Alerts.sample(new AlertRecord(), found + 1, 42, 1));
            try (JournalReader r = journal.reader().toStart()) {
                long last = -1;
                while (r.next() != JournalReader.NONE) {
                    last = r.alert().sid;
                }
                assertEquals(42, last);
            }
        }
        assertFalse(child.isAlive());
    }
}
