package dev.rampart.capture.file;

import static dev.rampart.capture.file.TestCaptureWriter.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The files our test writer makes, read by libpcap (tcpdump) and by us: same frames, same
 * nanosecond timestamps and lengths. Guards against the writer and reader sharing a misreading of
 * the formats. Skipped without tcpdump.
 */
class LibpcapCrossCheckTest {
    private static final Pattern LINE = Pattern.compile("(?m)^(\\d+)\\.(\\d{9}) .*length (\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"pcap-le-us", "pcap-be-ns", "pcapng-le", "pcapng-be"})
    void sameFramesAndTimestampsAsLibpcap(String kind) throws Exception {
        byte[] bytes = switch (kind) {
            case "pcap-le-us" -> new TestCaptureWriter.Pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1)
                    .record(1_700_000_000L, 123_456, payload(60, 1))
                    .record(1_700_000_001L, 999_999, 50, 1514, payload(50, 2)).bytes();
            case "pcap-be-ns" -> new TestCaptureWriter.Pcap(ByteOrder.BIG_ENDIAN, true, 65535, 1)
                    .record(1_700_000_000L, 123_456_789, payload(60, 1))
                    .record(1_700_000_002L, 5, payload(70, 2)).bytes();
            default -> new TestCaptureWriter.Pcapng(kind.endsWith("be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .interfaceDescription(1, 65535, null, null)
                    .interfaceDescription(1, 65535, 9, 100L)
                    .block(4, new byte[] {0, 0, 0, 0})
                    .enhancedPacket(0, 1_700_000_000_654_321L, payload(60, 1))
                    .enhancedPacket(1, 1_700_000_000_123_456_789L, 40, 1000, payload(40, 2))
                    .obsoletePacket(1, 1_600_000_000_000_000_001L, payload(44, 3))
                    .block(5, new byte[20])
                    .bytes();
        };
        Path f = dir.resolve(kind + ".cap");
        Files.write(f, bytes);
        String out = tcpdump(f);
        List<long[]> expected = new ArrayList<>();
        Matcher m = LINE.matcher(out);
        while (m.find()) {
            expected.add(new long[] {Long.parseLong(m.group(1)) * 1_000_000_000L + Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))});
        }
        Frames got = Frames.drain(CaptureFiles.open(f), 10);
        assertNull(got.error);
        assertEquals(expected.size(), got.size(), out);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], got.get(i).timestampNanos(), "timestamp of frame " + i + ": " + out);
            assertEquals(expected.get(i)[1], got.get(i).originalLength(), "length of frame " + i + ": " + out);
        }
    }

    private static String tcpdump(Path f) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("tcpdump", "-n", "-tt", "--nano", "-r", f.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            Assumptions.abort("tcpdump not available: " + e.getMessage());
            return null;
        }
    }
}
