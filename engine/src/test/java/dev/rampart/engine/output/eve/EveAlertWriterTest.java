package dev.rampart.engine.output.eve;

import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;
import dev.rampart.eve.ProtoNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.engine.pipeline.StatsTree;
import dev.rampart.rules.keyword.meta.MetadataOption.Entry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EveAlertWriterTest {
    /** 2016-07-13T22:42:07.573103Z */
    private static final long T_ALERT = 1468449727_573103_000L;
    private static final long T_START = 1468449727_011401_000L;

    private static int ip4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** The testmyids response alert, built by hand from the packet (Suricata's line for it in the expected string). */
    private static AlertEvent testmyids() {
        AlertEvent e = new AlertEvent();
        e.clear();
        e.timestampNanos = T_ALERT;
        e.flowId = 2019294265478280L;
        e.pcapCnt = 9;
        e.ipv4(ip4(82, 165, 177, 154), ip4(10, 16, 1, 11));
        e.srcPort = 80;
        e.dstPort = 54186;
        e.proto = 6;
        e.txId = 0;
        e.txGuessed = true;
        e.rule = EveRuleInfo.of(1, 2100498, 7, "GPL ATTACK_RESPONSE id check returned root", "Potentially Bad Traffic",
                2, EveRuleInfo.Target.DEST_IS_TARGET, List.of());
        e.appProto = "http";
        e.toServer = false;
        e.pktsToServer = 5;
        e.pktsToClient = 4;
        e.bytesToServer = 371;
        e.bytesToClient = 495;
        e.flowStartNanos = T_START;
        return e;
    }

    private static String render(AlertEvent e) {
        return new EveAlertWriter(OutputStream.nullOutputStream()).render(e).toString();
    }

    @Test
    void toClientAlertUsesPacketTupleAtTopAndClientServerTupleInFlow() {
        assertEquals("{\"timestamp\":\"2016-07-13T22:42:07.573103+0000\",\"flow_id\":2019294265478280,\"pcap_cnt\":9,"
                + "\"event_type\":\"alert\",\"src_ip\":\"82.165.177.154\",\"src_port\":80,\"dest_ip\":\"10.16.1.11\","
                + "\"dest_port\":54186,\"proto\":\"TCP\",\"pkt_src\":\"wire/pcap\",\"tx_id\":0,\"tx_guessed\":true,"
                + "\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2100498,\"rev\":7,"
                + "\"signature\":\"GPL ATTACK_RESPONSE id check returned root\",\"category\":\"Potentially Bad Traffic\","
                + "\"severity\":2,\"source\":{\"ip\":\"82.165.177.154\",\"port\":80},"
                + "\"target\":{\"ip\":\"10.16.1.11\",\"port\":54186}},\"app_proto\":\"http\",\"direction\":\"to_client\","
                + "\"flow\":{\"pkts_toserver\":5,\"pkts_toclient\":4,\"bytes_toserver\":371,\"bytes_toclient\":495,"
                + "\"start\":\"2016-07-13T22:42:07.011401+0000\",\"src_ip\":\"10.16.1.11\",\"dest_ip\":\"82.165.177.154\","
                + "\"src_port\":54186,\"dest_port\":80}}", render(testmyids()));
    }

    @Test
    void srcIsTargetSwapsSourceAndTarget() {
        AlertEvent e = testmyids();
        e.rule = EveRuleInfo.of(1, 1, 0, "t", "", 3, EveRuleInfo.Target.SRC_IS_TARGET, List.of());
        String s = render(e);
        assertTrue(s.contains("\"source\":{\"ip\":\"10.16.1.11\",\"port\":54186},\"target\":{\"ip\":\"82.165.177.154\",\"port\":80}"), s);
    }

    @Test
    void icmpv6HasNoPortsAnywhereAndFullFormAddresses() {
        AlertEvent e = new AlertEvent();
        e.clear();
        e.ipv6(0x20010db800000000L, 1L, 0x20010db800000000L, 0x0001000000000002L);
        e.proto = 58;
        e.icmpType = 128;
        e.icmpCode = 0;
        e.timestampNanos = 0;
        e.flowStartNanos = 0;
        e.rule = EveRuleInfo.of(1, 20, 0, "x", null, 3, EveRuleInfo.Target.DEST_IS_TARGET, List.of());
        String s = render(e);
        assertTrue(s.contains("\"src_ip\":\"2001:0db8:0000:0000:0000:0000:0000:0001\",\"dest_ip\":\"2001:0db8:0000:0000:0001:0000:0000:0002\",\"proto\":\"IPv6-ICMP\",\"icmp_type\":128,\"icmp_code\":0,"), s);
        assertTrue(s.contains("\"source\":{\"ip\":\"2001:0db8:0000:0000:0000:0000:0000:0001\"},\"target\":{"), s);
        assertTrue(s.endsWith("\"dest_ip\":\"2001:0db8:0000:0000:0001:0000:0000:0002\"}}"), s);
        assertTrue(s.startsWith("{\"timestamp\":\"1970-01-01T00:00:00.000000+0000\",\"flow_id\":0,\"event_type\""), s);
    }

    @Test
    void noFlowNoPcapCountAndDecoderEventShapes() {
        AlertEvent e = testmyids();
        e.hasFlow = false;
        e.pcapCnt = 0;
        String s = render(e);
        assertTrue(s.startsWith("{\"timestamp\":\"2016-07-13T22:42:07.573103+0000\",\"event_type\":\"alert\",\"src_ip\""), s);
        assertTrue(s.endsWith("\"port\":54186}}}"), s);

        e.ipPacket = false;
        e.rule = EveRuleInfo.of(1, 2200000, 2, "SURICATA decode", "Generic Protocol Command Decode", 3,
                EveRuleInfo.Target.NONE, List.of());
        assertEquals("{\"timestamp\":\"2016-07-13T22:42:07.573103+0000\",\"alert\":{\"action\":\"allowed\",\"gid\":1,"
                + "\"signature_id\":2200000,\"rev\":2,\"signature\":\"SURICATA decode\","
                + "\"category\":\"Generic Protocol Command Decode\",\"severity\":3}}", render(e));
    }

    @Test
    void vlansParentIdBlockedAndPerDirectionAppProtos() {
        AlertEvent e = testmyids();
        e.vlanCount = 2;
        e.vlanIds[0] = 10;
        e.vlanIds[1] = 4094;
        e.parentId = 77;
        e.blocked = true;
        e.appProtoTc = "failed";
        String s = render(e);
        assertTrue(s.contains("\"flow_id\":2019294265478280,\"parent_id\":77,\"pcap_cnt\":9,\"event_type\":\"alert\",\"vlan\":[10,4094],\"src_ip\""), s);
        assertTrue(s.contains("\"alert\":{\"action\":\"blocked\""), s);
        assertTrue(s.contains("\"app_proto\":\"http\",\"app_proto_tc\":\"failed\",\"direction\""), s);
    }

    @Test
    void udpWithSourcePortZeroLeavesPortsOutOfFlowOnly() {
        AlertEvent e = testmyids();
        e.proto = 17;
        e.srcPort = 0;
        e.toServer = true;
        e.txId = -1;
        String s = render(e);
        assertTrue(s.contains("\"src_port\":0,\"dest_ip\""), s);
        assertTrue(s.endsWith("\"dest_ip\":\"10.16.1.11\"}}"), s);
        assertTrue(!s.contains("tx_id"), s);
    }

    @Test
    void unknownProtoIsItsNumberAndTableNamesAreSuricatas() {
        assertEquals("IPv6-ICMP", ProtoNames.name(58));
        assertEquals("IP-in-IP", ProtoNames.name(4));
        assertEquals("SCTP", ProtoNames.name(132));
        assertEquals("Ethernet", ProtoNames.name(143));
        assertEquals("200", ProtoNames.name(200));
    }

    @Test
    void escapingMatchesJsonBuilderAndUtf8IsRaw() {
        JsonBuffer b = new JsonBuffer(4);
        b.string("a\"b\\c\td\ne\rf\bg\fh\u0001\u001fé日\uD83D\uDE00\uD800z");
        assertEquals("\"a\\\"b\\\\c\\td\\ne\\rf\\bg\\fh\\u0001\\u001fé日\uD83D\uDE00\uFFFDz\"", b.toString());
    }

    @Test
    void numbers() {
        JsonBuffer b = new JsonBuffer(4);
        b.number(0).raw(',').number(-12).raw(',').number(Long.MAX_VALUE).raw(',').unsigned(-1L).raw(',')
                .number(Long.MIN_VALUE);
        assertEquals("0,-12,9223372036854775807,18446744073709551615,-9223372036854775808", b.toString());
    }

    @Test
    void timeZoneOffsetFollowsDst() {
        EveTime berlin = new EveTime(ZoneId.of("Europe/Berlin"));
        JsonBuffer b = new JsonBuffer(64);
        berlin.append(b, 1468449727_573103_000L); // July: CEST
        b.raw(' ');
        berlin.append(b, 1451606400_000001_999L); // 2016-01-01T00:00:00Z: CET
        b.raw(' ');
        new EveTime(ZoneId.of("America/St_Johns")).append(b, 1451606400_000000_000L);
        b.raw(' ');
        EveTime.utc().append(b, -1_000L); // before the epoch
        assertEquals("2016-07-14T00:42:07.573103+0200 2016-01-01T01:00:00.000001+0100 2015-12-31T20:30:00.000000-0330"
                + " 1969-12-31T23:59:59.999999+0000", b.toString());
    }

    @Test
    void leapDayAndFarDates() {
        JsonBuffer b = new JsonBuffer(64);
        EveTime.utc().append(b, 951782400_000000_000L); // 2000-02-29
        b.raw(' ');
        EveTime.utc().append(b, 4102444799_000000_000L);
        assertEquals("2000-02-29T00:00:00.000000+0000 2099-12-31T23:59:59.000000+0000", b.toString());
    }

    @Test
    void ruleSpanIsTheRulesStaticPartOfTheLine() {
        AlertEvent e = testmyids();
        e.rule = EveRuleInfo.of(1, 2019401, 3, "ET POLICY x", "policy-violation", "Potential Corporate Privacy Violation",
                1, EveRuleInfo.Target.NONE, List.of(new Entry("signature_severity", "Major"), new Entry("created_at", "2019")));
        EveAlertWriter w = new EveAlertWriter(OutputStream.nullOutputStream());
        String line = w.render(e).toString();
        assertEquals("\"gid\":1,\"signature_id\":2019401,\"rev\":3,\"signature\":\"ET POLICY x\",\"category\":"
                + "\"Potential Corporate Privacy Violation\",\"severity\":1,\"metadata\":{\"created_at\":[\"2019\"],"
                + "\"signature_severity\":[\"Major\"]}",
                line.substring(w.ruleSpanStart(), w.ruleSpanStart() + w.ruleSpanLength()));
        assertEquals(line, new String(w.lineBytes(), 0, w.lineLength(), StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        EveAlertWriter out = new EveAlertWriter(written);
        out.write(e);
        assertEquals(line + "\n", written.toString(StandardCharsets.UTF_8));
        assertEquals(line, new String(out.lineBytes(), 0, out.lineLength(), StandardCharsets.UTF_8), "without the newline");
        assertEquals(w.ruleSpanStart(), out.ruleSpanStart());
        // another alert of the rule: other tuple and time, the same span bytes
        e.srcPort = 81;
        e.timestampNanos += 1_000_000_123L;
        String other = w.render(e).toString();
        assertEquals(line.substring(w.ruleSpanStart(), w.ruleSpanStart() + w.ruleSpanLength()),
                other.substring(w.ruleSpanStart(), w.ruleSpanStart() + w.ruleSpanLength()));
        // a target: source and target come between identity and metadata, the span is the identity
        e.rule = EveRuleInfo.of(1, 5, 1, "t", "", "", 3, EveRuleInfo.Target.DEST_IS_TARGET, List.of(new Entry("k", "v")));
        String t = w.render(e).toString();
        assertEquals("\"gid\":1,\"signature_id\":5,\"rev\":1,\"signature\":\"t\",\"category\":\"\",\"severity\":3",
                t.substring(w.ruleSpanStart(), w.ruleSpanStart() + w.ruleSpanLength()));
    }

    @Test
    void journalTextsOfARule() {
        EveRuleInfo r = EveRuleInfo.of(1, 7, 2, "m", "trojan-activity", "A Network Trojan was detected", 1,
                EveRuleInfo.Target.NONE, List.of(new Entry("a", "1"), new Entry("b", "2"), new Entry("a", "3")));
        assertEquals("m", r.msg());
        assertEquals("trojan-activity", r.classtype());
        assertEquals("A Network Trojan was detected", r.category());
        assertEquals("a 1, b 2, a 3", r.metadataText()); // as written, in rule order
        assertEquals(1, r.severity());
        EveRuleInfo none = EveRuleInfo.of(1, 8, 1, null, null, 3, EveRuleInfo.Target.NONE, List.of());
        assertEquals("", none.msg());
        assertEquals("", none.classtype());
        assertEquals("", none.category());
        assertEquals("", none.metadataText());
    }

    @Test
    void metadataSortedByKeyValuesNewestFirst() {
        byte[] m = EveRuleInfo.renderMetadata(List.of(new Entry("zeta", "1"), new Entry("alpha", "2"),
                new Entry("zeta", "3"), new Entry("mid", "x")));
        assertEquals(",\"metadata\":{\"alpha\":[\"2\"],\"mid\":[\"x\"],\"zeta\":[\"3\",\"1\"]}",
                new String(m, StandardCharsets.UTF_8));
        assertEquals(null, EveRuleInfo.renderMetadata(List.of()));
        assertEquals(null, EveRuleInfo.renderMetadata(List.of(new Entry("lonely", ""))));
        byte[] c = EveRuleInfo.renderMetadata(List.of(new Entry("k", "v"), new Entry("b", "1"), new Entry("K", "w"),
                new Entry("a_b", "2"), new Entry("a[", "3"), new Entry("k", "v")));
        assertEquals(",\"metadata\":{\"a[\":[\"3\"],\"a_b\":[\"2\"],\"b\":[\"1\"],\"k\":[\"v\",\"w\",\"v\"]}",
                new String(c, StandardCharsets.UTF_8));
    }

    @Test
    void writesLinesToTheStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EveAlertWriter w = new EveAlertWriter(out);
        w.write(testmyids());
        w.write(testmyids());
        w.flush();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(3, lines.length);
        assertEquals(render(testmyids()), lines[0]);
        assertEquals("", lines[2]);
    }

    @Test
    void steadyStateWritesAllocateNothing() {
        EveAlertWriter w = new EveAlertWriter(OutputStream.nullOutputStream());
        AlertEvent e = testmyids();
        e.rule = EveRuleInfo.of(1, 2019401, 3, "ET POLICY Vulnerable Java Version 1.8.x Detected é", "Potential Corporate Privacy Violation",
                1, EveRuleInfo.Target.NONE, List.of(new Entry("created_at", "2014_11_24"), new Entry("updated_at", "2019_10_08")));
        for (int i = 0; i < 20_000; i++) {
            e.pcapCnt = i + 1;
            w.write(e);
        }
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            e.pcapCnt = i + 1;
            e.timestampNanos += 1_000;
            w.write(e);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 100k alerts");
    }

    @Test
    void statsRecordHasTheShapeJacksonGaveIt() throws Exception {
        Map<String, Object> stats = new LinkedHashMap<>();
        StatsTree.put(stats, "uptime", 0L);
        StatsTree.put(stats, "decoder.pkts", 12L);
        StatsTree.put(stats, "decoder.bytes", 3456L);
        StatsTree.put(stats, "decoder.event.ipv4.pkt_too_small", 0L);
        StatsTree.put(stats, "flow.total", 3L);
        StatsTree.put(stats, "tcp.sessions", 1L);
        StatsTree.put(stats, "app_layer.flow.http", 1L);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("timestamp", "2016-07-13T22:42:07.573103+0000");
        record.put("event_type", "stats");
        record.put("stats", stats);
        String jackson = new ObjectMapper().writeValueAsString(record);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EveStatsWriter(out).write(T_ALERT, stats);
        assertEquals(jackson + "\n", out.toString(StandardCharsets.UTF_8));
    }
}
