package dev.rampart.engine.output.eve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParser;
import dev.rampart.rules.config.ClassificationConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden lines: {@code eve/golden-alerts.jsonl} holds the alert records Suricata 7.0.10 wrote for
 * {@code eve/golden.rules} over six captures (metadata grouping, HTTP to_server and to_client, TCP handshake packets,
 * DNS, TLS, ICMPv4, ICMPv6, UDP with a to_client alert, UDP with source port 0, IPv6 TCP in VLAN).
 * For each line the test takes the <em>packet and flow facts</em> (times, ids, packet-oriented
 * tuple, counters, direction, app-layer objects as opaque JSON) from the oracle's line, the
 * <em>rule facts</em> from our own parse of golden.rules plus classification.config, fills an
 * {@link AlertEvent} and requires our writer to produce the same record: same keys in the same
 * order, same values, and in the end the very same bytes. What the writer decides on its own —
 * field order and presence, flow-object orientation, proto names, address, time and number
 * formats, string escaping, metadata grouping, category/severity, source/target — is therefore
 * checked against Suricata.
 */
class EveAlertGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx");
    private static final Map<String, Integer> PROTO = Map.of("TCP", 6, "UDP", 17, "ICMP", 1, "IPv6-ICMP", 58);

    static Stream<String> goldenLines() throws IOException {
        return lines(resource("golden-alerts.jsonl")).stream();
    }

    @ParameterizedTest
    @MethodSource("goldenLines")
    void ourLineMatchesTheOracleLine(String oracleLine) throws Exception {
        JsonNode oracle = JSON.readTree(oracleLine);
        AlertEvent e = eventFromPacketFacts(oracle);
        e.rule = rules().get(oracle.path("alert").path("signature_id").asLong());
        assertNotNull(e.rule, "no rule for " + oracleLine);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EveAlertWriter w = new EveAlertWriter(out);
        w.write(e);
        String ours = out.toString(StandardCharsets.UTF_8);
        assertTrue(ours.endsWith("\n"));
        ours = ours.substring(0, ours.length() - 1);

        JsonNode mine = JSON.readTree(ours);
        assertSameTree("", oracle, mine);
        assertEquals(oracleLine, ours, "byte-for-byte");
    }

    /** Same keys in the same order and the same values, recursively. */
    static void assertSameTree(String path, JsonNode expected, JsonNode actual) {
        assertEquals(expected.getNodeType(), actual.getNodeType(), path + ": node type");
        if (expected.isObject()) {
            List<String> ek = new ArrayList<>();
            expected.fieldNames().forEachRemaining(ek::add);
            List<String> ak = new ArrayList<>();
            actual.fieldNames().forEachRemaining(ak::add);
            assertEquals(ek, ak, path + ": keys and their order");
            for (String k : ek) {
                assertSameTree(path + "." + k, expected.get(k), actual.get(k));
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + ": array size");
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    /** Only what the engine knows about the packet and its flow; nothing about the record's shape. */
    static AlertEvent eventFromPacketFacts(JsonNode o) throws Exception {
        AlertEvent e = new AlertEvent();
        e.clear();
        e.timestampNanos = nanos(o.get("timestamp").asText());
        e.flowId = o.get("flow_id").asLong();
        e.pcapCnt = o.path("pcap_cnt").asLong(0);
        JsonNode vlan = o.get("vlan");
        if (vlan != null) {
            for (JsonNode v : vlan) {
                e.vlanIds[e.vlanCount++] = v.asInt();
            }
        }
        byte[] src = InetAddress.getByName(o.get("src_ip").asText()).getAddress();
        byte[] dst = InetAddress.getByName(o.get("dest_ip").asText()).getAddress();
        e.ipVersion = src.length == 4 ? 4 : 6;
        e.srcHi = hi(src);
        e.srcLo = lo(src);
        e.dstHi = hi(dst);
        e.dstLo = lo(dst);
        e.srcPort = o.path("src_port").asInt(0);
        e.dstPort = o.path("dest_port").asInt(0);
        e.proto = PROTO.get(o.get("proto").asText());
        if (o.has("icmp_type")) {
            e.icmpType = o.get("icmp_type").asInt();
            e.icmpCode = o.get("icmp_code").asInt();
        }
        if (o.has("tx_id")) {
            e.txId = o.get("tx_id").asLong();
        }
        e.txGuessed = o.path("tx_guessed").asBoolean(false);
        e.blocked = o.path("alert").path("action").asText().equals("blocked");
        e.toServer = o.get("direction").asText().equals("to_server");
        e.appProto = o.has("app_proto") ? o.get("app_proto").asText() : null;
        // App-layer objects (http, dns, tls, files, ...) are produced elsewhere: pass them through.
        StringBuilder app = new StringBuilder();
        boolean afterAlert = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("alert")) {
                afterAlert = true;
            } else if (f.getKey().startsWith("app_proto") || f.getKey().equals("direction")) {
                break;
            } else if (afterAlert) {
                if (app.length() > 0) {
                    app.append(',');
                }
                app.append(JSON.writeValueAsString(f.getKey())).append(':').append(JSON.writeValueAsString(f.getValue()));
            }
        }
        if (app.length() > 0) {
            e.appLayerJson = app.toString().getBytes(StandardCharsets.UTF_8);
            e.appLayerLength = e.appLayerJson.length;
        }
        JsonNode flow = o.get("flow");
        e.pktsToServer = flow.get("pkts_toserver").asLong();
        e.pktsToClient = flow.get("pkts_toclient").asLong();
        e.bytesToServer = flow.get("bytes_toserver").asLong();
        e.bytesToClient = flow.get("bytes_toclient").asLong();
        e.flowStartNanos = nanos(flow.get("start").asText());
        return e;
    }

    static long nanos(String ts) {
        OffsetDateTime t = OffsetDateTime.parse(ts, TS);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static long hi(byte[] a) {
        return a.length == 4 ? 0 : java.nio.ByteBuffer.wrap(a).getLong(0);
    }

    static long lo(byte[] a) {
        return a.length == 4 ? java.nio.ByteBuffer.wrap(a).getInt(0) & 0xffffffffL : java.nio.ByteBuffer.wrap(a).getLong(8);
    }

    private static Map<Long, EveRuleInfo> rules;

    static synchronized Map<Long, EveRuleInfo> rules() throws Exception {
        if (rules == null) {
            ClassificationConfig cc = ClassificationConfig.parse("classification.config",
                    new String(resource("classification.config"), StandardCharsets.UTF_8));
            RuleParser parser = new RuleParser();
            rules = new HashMap<>();
            for (String line : lines(resource("golden.rules"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Rule r = parser.parse(line);
                rules.put(r.sid(), EveRuleInfo.of(r, cc));
            }
        }
        return rules;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = EveAlertGoldenTest.class.getResourceAsStream("/eve/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static List<String> lines(byte[] bytes) {
        List<String> out = new ArrayList<>();
        for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }
}
