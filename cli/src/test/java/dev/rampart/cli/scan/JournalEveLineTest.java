package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.alerts.AlertJournal;
import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.JournalConfig;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.engine.output.eve.AlertEvent;
import dev.rampart.engine.output.eve.EveAlertWriter;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.keyword.meta.MetadataOption;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert journal keeps an engine alert's EVE fields, not its line (schema v6), and readers
 * render the line again: it must be the EVE writer's line byte for byte, for every shape of alert
 * the writer has (both render with eve-format's EveAlertLine, but each reads its own fields, and
 * the journal keeps them in its own encoding).
 */
class JournalEveLineTest {
    @TempDir
    Path dir;

    private static final List<MetadataOption.Entry> METADATA = List.of(
            new MetadataOption.Entry("attack_target", "Client_Endpoint"),
            new MetadataOption.Entry("signature_severity", "Major"), new MetadataOption.Entry("attack_target", "Server"));
    private static final EveRuleInfo PLAIN = EveRuleInfo.of(1, 2_019_401, 3, "ET TEST \"quoted\" \\ é \u0001",
            "trojan-activity", "A Network Trojan was detected", 1, EveRuleInfo.Target.NONE, METADATA);
    private static final EveRuleInfo NO_METADATA = EveRuleInfo.of(1, 2_019_402, 1, "no metadata", "", "", 3,
            EveRuleInfo.Target.NONE, List.of());
    private static final EveRuleInfo SRC_TARGET = EveRuleInfo.of(1, 2_019_403, 1, "src target", "", "", 2,
            EveRuleInfo.Target.SRC_IS_TARGET, METADATA);
    private static final EveRuleInfo DEST_TARGET = EveRuleInfo.of(3, 2_019_404, 7, "dest target", "", "", 2,
            EveRuleInfo.Target.DEST_IS_TARGET, List.of());

    /** One alert of each shape: a base event, then what each case changes. */
    private static List<AlertEvent> events() {
        List<Consumer<AlertEvent>> cases = new ArrayList<>();
        cases.add(e -> { });
        cases.add(e -> e.toServer = false);
        cases.add(e -> {
            e.ipv6(0x20010db800000000L, 1, 0xfe80000000000000L, 0xFFFF_FFFF_FFFF_FFFFL);
            e.proto = 17;
            e.appProto = "dns";
            e.appLayerJson = "\"dns\":{\"query\":[{\"type\":\"query\",\"id\":1}]}".getBytes(StandardCharsets.US_ASCII);
            e.appLayerLength = e.appLayerJson.length;
        });
        cases.add(e -> {
            e.proto = 1;
            e.icmpType = 8;
            e.icmpCode = 0;
            e.appProto = null;
            e.appLayerJson = null;
            e.appLayerLength = 0;
            e.txId = -1;
        });
        cases.add(e -> {
            e.ipv6(1, 2, 3, 4);
            e.proto = 58;
            e.icmpType = 135;
            e.icmpCode = 3;
        });
        cases.add(e -> e.proto = 1); // icmp without a type: none logged
        cases.add(e -> {
            e.hasFlow = false;
            e.flowId = 0;
        });
        cases.add(e -> e.ipPacket = false);
        cases.add(e -> {
            e.vlanCount = 2;
            e.vlanIds[0] = 100;
            e.vlanIds[1] = 4094;
            e.parentId = 77;
        });
        cases.add(e -> {
            e.txId = 3;
            e.txGuessed = true;
            e.appProtoTs = "http";
            e.appProtoTc = "failed";
            e.appProtoOrig = "tls";
            e.appProtoExpected = "ftp-data";
        });
        cases.add(e -> e.rule = NO_METADATA);
        cases.add(e -> e.rule = SRC_TARGET);
        cases.add(e -> {
            e.rule = DEST_TARGET;
            e.toServer = false;
            e.blocked = true;
        });
        cases.add(e -> {
            e.rule = SRC_TARGET;
            e.proto = 47; // no ports logged anywhere
        });
        cases.add(e -> {
            e.pcapCnt = 0;
            e.flowId = -3; // unsigned
            e.srcPort = 0; // no ports in the flow object
        });
        cases.add(e -> e.proto = 200); // past the protocol table: the number
        cases.add(e -> {
            e.timestampNanos = -1_500_000_000L; // before 1970
            e.flowStartNanos = e.timestampNanos + 999; // after the packet
        });
        cases.add(e -> {
            e.appLayerJson = new byte[0];
            e.appLayerLength = 0;
        });
        for (AlertEvent.PktSrc src : AlertEvent.PktSrc.values()) {
            cases.add(e -> e.pktSrc = src);
        }
        List<AlertEvent> events = new ArrayList<>();
        long t = 1_764_000_123_456_789_123L;
        for (Consumer<AlertEvent> c : cases) {
            AlertEvent e = new AlertEvent();
            e.clear();
            e.rule = PLAIN;
            e.timestampNanos = t += 1_000_003;
            e.pcapCnt = events.size() + 1;
            e.flowId = 0x1234_5678_9ABCL + events.size();
            e.ipv4(0x0A000001, 0xC6336401);
            e.srcPort = 51000;
            e.dstPort = 80;
            e.proto = 6;
            e.appProto = "http";
            e.txId = 0;
            e.appLayerJson = "\"http\":{\"hostname\":\"example.com\",\"url\":\"/a?b=c\",\"status\":200}"
                    .getBytes(StandardCharsets.US_ASCII);
            e.appLayerLength = e.appLayerJson.length;
            e.pktsToServer = 4;
            e.pktsToClient = 3;
            e.bytesToServer = 512;
            e.bytesToClient = 1 << 20;
            e.flowStartNanos = e.timestampNanos - 2_500_000_777L;
            c.accept(e);
            events.add(e);
        }
        return events;
    }

    @Test
    void theJournalRendersTheEveWritersLineForEveryShapeOfAlert() {
        List<AlertEvent> events = events();
        List<String> written = new ArrayList<>();
        EveAlertWriter writer = new EveAlertWriter(OutputStream.nullOutputStream());
        JournalConfig config = JournalConfig.at(dir).pretouch(false);
        try (AlertJournal journal = AlertJournal.open(config)) {
            AlertRecord a = new AlertRecord();
            for (int round = 0; round < 2; round++) { // the second round refers to the first's rule entries
                for (AlertEvent e : events) {
                    a.clear();
                    a.alertId = written.size() + 1;
                    JournalAlerts.eventFields(e, a);
                    a.gid = (int) e.rule.gid();
                    a.sid = e.rule.sid();
                    AlertRecord.set(a.msg, e.rule.msg());
                    a.ruleKey = e.rule;
                    JournalAlerts.eveFields(e, e.rule, a);
                    journal.append(a);
                    written.add(writer.render(e).toString());
                }
            }
        }
        List<String> read = new ArrayList<>();
        try (JournalReader r = AlertJournal.openReader(config)) {
            int tag;
            while ((tag = r.next()) != JournalReader.NONE) {
                assertEquals(JournalSchema.TAG_ALERT, tag);
                AlertRecord a = r.alert();
                assertTrue(a.eveFields);
                read.add(new String(a.eveBytes(), 0, a.eveLength(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i), read.get(i), "alert " + (i + 1));
        }
    }

    @Test
    void packetSourceNamesAreTheEnginesInItsOrder() {
        AlertEvent.PktSrc[] engine = AlertEvent.PktSrc.values();
        assertEquals(engine.length, AlertRecord.PKT_SRC_NAMES.length);
        for (int i = 0; i < engine.length; i++) {
            assertEquals(engine[i].text(), AlertRecord.PKT_SRC_NAMES[i]);
        }
    }
}
