package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.file.CaptureFiles;
import dev.rampart.capture.FrameSource;
import dev.rampart.engine.flow.Flow;
import dev.rampart.engine.pipeline.PacketPath;
import dev.rampart.engine.stream.StreamConsumer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real traffic: the HTTP captures of suricata-verify go through the packet path, the TCP
 * reassembler's app stream feeds one {@link HttpParser} per flow, and every transaction's
 * {@link HttpEveJson} object must equal the "http" object of Suricata 7.0.10's http event for the
 * same flow and tx_id ({@code oracle-http-events.tsv}, produced with suricata-oracle and the
 * default config). Skipped where the shared checkout is absent.
 */
class HttpSuricataVerifyTest {
    /**
     * Where Rampart follows Suricata 8 rather than 7.0.10 (the suricata-verify tests require 8):
     * test, text in the 7.0.10 object, its Suricata 8 replacement.
     */
    private static final String[][] SURICATA_8 = {
            // bug 7851: "CONNECT /" names no host
            {"bug-7851-01", "\"hostname\":\"/\",", ""},
            // a URI with a space before " HTTP/1.1" keeps the space (libhtp-rs)
            {"http-uri-spaces", "\"url\":\"/uri\"", "\"url\":\"/uri afterspace\""},
            {"http-uri-spaces", "\"protocol\":\"afterspace HTTP/1.1\"", "\"protocol\":\"HTTP/1.1\""},
    };

    @TestFactory
    List<DynamicTest> eveHttpObjectsEqualSuricata() throws IOException {
        Path tests = Path.of(System.getProperty("rampart.shared", "../../shared"), "conformance/suricata-verify/tests");
        Map<String, Map<String, String>> expected = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                HttpSuricataVerifyTest.class.getResourceAsStream("oracle-http-events.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", 5);
                String json = f[4];
                for (String[] d : SURICATA_8) {
                    if (d[0].equals(f[0])) {
                        json = json.replace(d[1], d[2]);
                    }
                }
                expected.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1] + ">" + f[2] + "#" + f[3],
                        "\"http\":" + json);
            }
        }
        List<DynamicTest> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Path dir = tests.resolve(e.getKey());
            out.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Path pcap = null;
                if (Files.isDirectory(dir)) {
                    try (var s = Files.list(dir)) {
                        pcap = s.filter(p -> p.toString().endsWith(".pcap")).findFirst().orElse(null);
                    }
                }
                Assumptions.assumeTrue(pcap != null, "suricata-verify not available: " + dir);
                assertEquals(e.getValue(), scan(pcap));
            }));
        }
        return out;
    }

    /** client port>server port#tx_id -> rendered http object, for every transaction of every flow. */
    static Map<String, String> scan(Path pcap) throws IOException {
        Map<Flow, HttpParser> parsers = new IdentityHashMap<>();
        Map<HttpParser, String> names = new LinkedHashMap<>();
        Map<String, String> out = new TreeMap<>();
        HttpEveJson eve = new HttpEveJson();
        StreamConsumer app = new StreamConsumer() {
            HttpParser parser(Flow flow) {
                HttpParser p = parsers.get(flow);
                if (p == null || !(flow.srcPort + ">" + flow.dstPort).equals(names.get(p))) {
                    if (p != null) {
                        collect(p, names.get(p), eve, out);
                    }
                    p = new HttpParser(new HttpConfig());
                    parsers.put(flow, p);
                    names.put(p, flow.srcPort + ">" + flow.dstPort);
                }
                return p;
            }

            @Override
            public int onData(Flow flow, boolean toServer, byte[] data, int offset, int length, long streamOffset) {
                parser(flow).onData(toServer, data, offset, length);
                return length;
            }

            @Override
            public void onGap(Flow flow, boolean toServer, long streamOffset, long length) {
                parser(flow).onGap(toServer, length);
            }
        };
        PacketPath path = new PacketPath(new PacketPath.Config(), app, null);
        try (FrameSource src = CaptureFiles.open(pcap)) {
            while (src.poll(path, 1024) >= 0) {
                // keep reading
            }
        } catch (CaptureException e) {
            // frames before the damage count, as the reference does
        }
        path.finish();
        for (Map.Entry<HttpParser, String> n : names.entrySet()) {
            collect(n.getKey(), n.getValue(), eve, out);
        }
        return out;
    }

    private static void collect(HttpParser p, String flow, HttpEveJson eve, Map<String, String> out) {
        p.onEnd(true); // end of capture: Suricata flushes and closes each flow's app layer
        p.onEnd(false);
        for (int i = 0; i < p.txCount(); i++) {
            HttpTx tx = p.tx(i);
            out.put(flow + "#" + tx.id(), eve.append(tx, new StringBuilder()).toString());
        }
    }
}
