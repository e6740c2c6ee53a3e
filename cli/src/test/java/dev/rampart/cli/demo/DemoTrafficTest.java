package dev.rampart.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.PcapPacket;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.cli.rules.RuleCheck;
import dev.rampart.rules.ByteString;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.config.SuricataConfig;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {

    @Test
    void committedCaptureIsWhatTheGeneratorWrites() throws Exception {
        byte[] generated = DemoTraffic.pcapBytes();
        byte[] committed;
        try (InputStream in = DemoCommand.resource(DemoCommand.PCAP_RESOURCE)) {
            committed = in.readAllBytes();
        }
        assertArrayEquals(generated, committed, "demo.pcap is stale: regenerate it with DemoTraffic (see its javadoc)");
        Path source = Path.of("src/main/resources/demo/demo.pcap");
        if (Files.isRegularFile(source)) {
            assertArrayEquals(generated, Files.readAllBytes(source), "source copy of demo.pcap is stale");
        }
        assertArrayEquals(generated, DemoTraffic.pcapBytes(), "deterministic");
    }

    @Test
    void captureShape(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("demo.pcap");
        Files.write(f, DemoTraffic.pcapBytes());
        List<PcapPacket> packets = CaptureFiles.readAll(f).packets();
        assertEquals(54, packets.size());
        assertEquals(DemoTraffic.START_MICROS, packets.get(0).timestampMicros());
        for (int i = 1; i < packets.size(); i++) {
            assertTrue(packets.get(i).timestampMicros() > packets.get(i - 1).timestampMicros(), "time moves forward");
        }
    }

    /**
     * The demo rules are written for the capture: every content of the rules meant to match
     * (9000001-9000011) occurs in the traffic. This checks the data only; it is not detection.
     */
    @Test
    void matchingRulesContentsOccurInTheCapture() throws Exception {
        RuleEnvironment env = SuricataConfig.defaults()
                .set("vars.address-groups.HOME_NET=" + DemoCommand.DEMO_HOME_NET).toEnvironment();
        RuleCheck.Result r = RuleCheck.loadString(env, "demo.rules",
                DemoCommand.resourceText(DemoCommand.RULES_RESOURCE));
        assertEquals(0, r.failed(), r.failures().toString());
        assertEquals(15, r.parsed());
        String traffic = new String(DemoTraffic.pcapBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (Rule rule : r.loaded()) {
            assertTrue(rule.sid() >= 9000000, "our sid range: " + rule.sid());
            if (rule.sid() > 9000011) {
                continue;
            }
            for (ContentOption c : rule.optionsOf(ContentOption.class)) {
                String p = latin1(c.pattern()).toLowerCase(Locale.ROOT);
                assertTrue(traffic.contains(p), "sid " + rule.sid() + ": \"" + p + "\" not in the capture");
            }
        }
    }

    private static String latin1(ByteString b) {
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }
}
