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
 * PATH the frame count must equal {@code tcpdump -r FILE --count} (libpcap's reading of the file);
 * without tcpdump, on every 13th capture it must equal the reference Suricata's {@code decoder.pkts}
 * ({@code tools/suricata-oracle}, if set up). {@code -Drampart.captureCounts=tcpdump|oracle|none}
 * forces the reference.
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
        Path oracle = Path.of(System.getProperty("rampart.shared", "../../shared"), "tools/suricata-oracle");
        String reference = System.getProperty("rampart.captureCounts",
                tcpdumpAvailable() ? "tcpdump" : Files.isExecutable(oracle) ? "oracle" : "none");
        boolean tcpdump = reference.equals("tcpdump");
        if (reference.equals("none")) {
            System.out.println("neither tcpdump nor suricata-oracle: checking that captures read cleanly, not counts");
        }
        int oracleChecks = 0;
        int index = 0;
        List<String> problems = new ArrayList<>();
        long frames = 0;
        int broken = 0;
        for (Path f : files) {
            index++;
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
            } else if (reference.equals("oracle") && (index % 13 == 0 || error != null)) {
                long expected = oracleDecoderPackets(oracle, f);
                oracleChecks++;
                if (expected != n) {
                    problems.add(f + ": " + n + " frames, the reference Suricata decodes " + expected);
                }
            }
        }
        System.out.println("suricata-verify: " + files.size() + " captures, " + frames + " frames, " + broken
                + " broken" + (tcpdump ? ", counts equal to tcpdump's" : "")
                + (oracleChecks > 0 ? ", " + oracleChecks + " counts checked against suricata-oracle" : ""));
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

    private static final Pattern DECODER_PKTS = Pattern.compile("\"decoder\":\\{\"pkts\":(\\d+)");

    /** The reference Suricata's decoder.pkts for one capture (its last stats record). */
    private static long oracleDecoderPackets(Path oracle, Path f) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("rampart-oracle");
        try {
            Process p = new ProcessBuilder(oracle.toString(), "-r", f.toAbsolutePath().toString(), "-S", "/dev/null",
                    "-l", out.toString(), "-k", "none", "--runmode", "single")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("suricata-oracle timed out on " + f);
            }
            Path eve = out.resolve("eve.json");
            long pkts = 0;
            if (Files.exists(eve)) {
                Matcher m = DECODER_PKTS.matcher(Files.readString(eve));
                while (m.find()) {
                    pkts = Long.parseLong(m.group(1));
                }
            }
            return pkts;
        } finally {
            try (Stream<Path> s = Files.walk(out)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
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
