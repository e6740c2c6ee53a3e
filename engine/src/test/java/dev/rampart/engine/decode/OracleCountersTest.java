package dev.rampart.engine.decode;

import dev.rampart.engine.OracleCounterFile;

import dev.rampart.engine.defrag.DefragConfig;
import dev.rampart.engine.defrag.DefragCounters;
import dev.rampart.engine.defrag.Defragmenter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential check of the decoder counters against Suricata 7.0.10: every classic-pcap capture
 * of suricata-verify (all 258 of them) plus our
 * crafted edge-case pcaps must give exactly the oracle's non-zero counters.
 * The expected numbers in {@code oracle-counters.txt} were produced with
 * {@code suricata-oracle -r PCAP -S /dev/null -l OUT -k none --runmode single} and the last EVE
 * {@code stats} record (non-zero {@code decoder.*} and {@code defrag.*} counters). The pcaps come
 * from the shared read-only suricata-verify checkout; the test is skipped where it is absent.
 */
class OracleCountersTest {

    @TestFactory
    List<DynamicTest> countersMatchSuricata() throws IOException {
        Path tests = Path.of(System.getProperty("rampart.shared", "../../shared"), "conformance/suricata-verify/tests");
        List<DynamicTest> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : expected().entrySet()) {
            Path pcap = e.getKey().startsWith("crafted/")
                    ? Path.of("src/test/resources/dev/rampart/engine/decode").resolve(e.getKey())
                    : tests.resolve(e.getKey());
            out.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Assumptions.assumeTrue(Files.isRegularFile(pcap), "suricata-verify not available: " + pcap);
                assertEquals(new TreeMap<>(e.getValue()), new TreeMap<>(nonZeroCounters(pcap)));
            }));
        }
        return out;
    }

    /** Decodes every frame (and every reassembled datagram) and returns the non-zero counters. */
    static Map<String, Long> nonZeroCounters(Path pcap) throws IOException {
        DecodeCounters counters = new DecodeCounters();
        DefragCounters defragCounters = new DefragCounters();
        PacketDecoder decoder = new PacketDecoder(counters, ChecksumMode.NONE,
                new Defragmenter(new DefragConfig(), defragCounters));
        Packet p = new Packet();
        Packet rp = new Packet();
        TinyPcap.forEach(pcap, f -> {
            if (decoder.decode(f, p)) {
                decoder.decodeReassembled(rp);
            }
        });
        Map<String, Object> root = new LinkedHashMap<>();
        counters.writeTo(root);
        defragCounters.writeTo(root);
        Map<String, Long> flat = new LinkedHashMap<>();
        DecodeCounters.flatten("", root, flat);
        flat.values().removeIf(v -> v == 0);
        return flat;
    }

    static Map<String, Map<String, Long>> expected() throws IOException {
        return OracleCounterFile.read(OracleCountersTest.class, "oracle-counters.txt");
    }
}
