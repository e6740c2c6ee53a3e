package dev.rampart.capture.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reads every capture of the suricata-verify test suite (under {@code -Drampart.shared}; skipped
 * when absent). Each must open and read to the end without error; where {@code tcpdump} is on the
 * PATH the frame count must equal {@code tcpdump -r FILE --count} (libpcap's reading of the file).
 * A genuinely broken capture (libpcap fails on it too, e.g. smtp-to-comma's record length of 3.9 GB)
 * must deliver the frames before the damage and end with a message naming the file and offset.
 */
class SuricataVerifyCapturesTest {
    private static final Pattern COUNT = Pattern.compile("(?m)^(\\d+) packets?\\b");

    @Test
    void everyCaptureReadsCompletelyAndCountsLikeLibpcap() throws Exception {
        Path tests = Path.of(System.getProperty("rampart.shared", "../../shared"),
                "conformance/suricata-verify/tests");
        Assumptions.assumeTrue(Files.isDirectory(tests), "no suricata-verify tests at " + tests);
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.(pcap|pcapng|cap)$"))
                    .sorted().toList();
        }
        assertTrue(files.size() > 100, "captures found: " + files.size());
        boolean tcpdump = tcpdumpAvailable();
        if (!tcpdump) {
            System.out.println("tcpdump not found: checking that captures read cleanly, not their counts");
        }
        List<String> problems = new ArrayList<>();
        long frames = 0;
        int broken = 0;
        for (Path f : files) {
            long n;
            CaptureException error;
            try (FrameSource src = CaptureFiles.open(f)) {
                Frames got = Frames.drain(src, 64);
                error = got.error;
                n = src.stats().received;
                assertEquals(got.size(), n);
            } catch (CaptureException e) {
                problems.add(e.getMessage());
                continue;
            }
            frames += n;
            if (error != null) {
                broken++;
                System.out.println("broken capture: " + error.getMessage());
                if (!error.getMessage().matches(Pattern.quote(f.toString()) + ": offset \\d+: .+")) {
                    problems.add("unclear message: " + error.getMessage());
                }
            }
            if (tcpdump) {
                String out = tcpdump(f);
                Matcher m = COUNT.matcher(out);
                if (!m.find()) {
                    throw new AssertionError("tcpdump gave no count for " + f + ": " + out);
                }
                long expected = Long.parseLong(m.group(1));
                if (expected != n) {
                    problems.add(f + ": " + n + " frames, tcpdump counts " + expected);
                }
                if ((error != null) != out.contains("pcap_loop:")) {
                    problems.add(f + ": " + (error == null ? "read cleanly" : error.getMessage())
                            + " but tcpdump says: " + out);
                }
            }
        }
        System.out.println("suricata-verify: " + files.size() + " captures, " + frames + " frames, " + broken
                + " broken" + (tcpdump ? ", counts equal to tcpdump's" : ""));
        assertEquals(List.of(), problems);
    }

    private static boolean tcpdumpAvailable() {
        try {
            Process p = new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String tcpdump(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tcpdump", "-n", "-r", f.toString(), "--count")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
