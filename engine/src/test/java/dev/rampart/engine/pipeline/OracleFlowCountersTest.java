package dev.rampart.engine.pipeline;

import dev.rampart.engine.OracleCounterFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.file.CaptureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole packet path (decode, defrag, flows, TCP tracking) against Suricata 7.0.10's flow and
 * TCP session counters on every suricata-verify capture, as recorded by
 * {@code tools/oracle-scan-diff --record}: a regression floor for what that tool measured (all
 * captures equal). Skipped where the shared suricata-verify checkout is absent.
 */
class OracleFlowCountersTest {

    @TestFactory
    List<DynamicTest> flowAndSessionCountersMatchSuricata() throws IOException {
        Path tests = Path.of(System.getProperty("rampart.shared", "../../shared"), "conformance/suricata-verify/tests");
        List<DynamicTest> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : expected().entrySet()) {
            Path pcap = tests.resolve(e.getKey());
            out.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Assumptions.assumeTrue(Files.isRegularFile(pcap), "suricata-verify not available: " + pcap);
                Map<String, Long> ours = new TreeMap<>();
                Map<String, Object> stats = scan(pcap);
                for (String key : e.getValue().keySet()) {
                    Object v = StatsTree.get(stats, key);
                    ours.put(key, v == null ? 0L : ((Number) v).longValue());
                }
                assertEquals(new TreeMap<>(e.getValue()), ours);
            }));
        }
        return out;
    }

    /** Runs the packet path over a capture as {@code rampart scan} does (a damaged tail ends the read). */
    static Map<String, Object> scan(Path pcap) throws IOException {
        PacketPath path = new PacketPath(new PacketPath.Config(), null, null);
        try (FrameSource src = CaptureFiles.open(pcap)) {
            while (src.poll(path, 1024) >= 0) {
                // keep reading
            }
        } catch (CaptureException e) {
            // frames before the damage were processed, as the reference does
        }
        path.finish();
        return path.stats(null);
    }

    static Map<String, Map<String, Long>> expected() throws IOException {
        return OracleCounterFile.read(OracleFlowCountersTest.class, "oracle-flow-counters.txt");
    }
}
