package dev.rampart.alerts;

import dev.rampart.eve.EveIp;
import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;
import dev.rampart.eve.ProtoNames;

/**
 * Renders an alert's EVE line from its journaled EVE fields (schema version 6), byte for byte as
 * the engine's EVE alert writer ({@code dev.rampart.engine.output.eve.EveAlertWriter}) wrote it
 * to eve.json: the journal keeps what it cannot rebuild (numbers, addresses, the app-layer
 * members, the rule's static bytes once per cycle file) and readers put the text back together.
 * The two must stay in step: cli's JournalEveLineTest renders varied events with both and
 * compares, and ScanAlertsTest compares a scan's journal export with its eve.json.
 *
 * <p>Times are UTC, as scan and the sensor write eve.json. Key order and the rules for optional
 * members are the writer's (see its class comment); the JSON bytes, the time format and the
 * protocol names are the same code as the writer's ({@code eve-format}: {@link JsonBuffer},
 * {@link EveTime}, {@link EveIp}, {@link ProtoNames}).
 */
final class EveLine {
    private final AlertRecord a;
    private final JsonBuffer out = new JsonBuffer(1024);
    /** Journals are written in UTC, as scan and the sensor write eve.json. */
    private final EveTime time = EveTime.utc();
    private int spanStart;
    private int spanEnd;

    private EveLine(AlertRecord a) {
        this.a = a;
    }

    /** Renders {@code a}'s line from its EVE fields into its EVE buffer, its rule span marked. */
    static void render(AlertRecord a) {
        EveLine w = new EveLine(a);
        w.line();
        int n = w.out.length();
        System.arraycopy(w.out.array(), 0, a.eveBuffer(n), 0, n);
        a.eveLength(n);
        a.eveRuleSpan(w.spanStart, w.spanEnd - w.spanStart);
    }

    private void line() {
        out.raw('{').key("timestamp").raw('"');
        time.append(out, a.timestampNanos);
        out.raw('"');
        if (!a.ipPacket) {
            out.raw(',');
            alertObject(false);
            out.raw('}');
            return;
        }
        boolean hasFlow = a.direction != AlertRecord.DIR_UNKNOWN;
        if (hasFlow) {
            out.raw(',').key("flow_id").unsigned(a.flowId);
            if (a.parentId != 0) {
                out.raw(',').key("parent_id").unsigned(a.parentId);
            }
        }
        if (a.pcapCnt != 0) {
            out.raw(',').key("pcap_cnt").unsigned(a.pcapCnt);
        }
        out.raw(',').key("event_type").ascii("\"alert\"");
        if (a.vlanCount > 0) {
            out.raw(',').key("vlan").raw('[');
            int n = Math.min(a.vlanCount, AlertRecord.MAX_VLANS);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.raw(',');
                }
                out.number(a.vlanIds[i]);
            }
            out.raw(']');
        }
        boolean ports = ProtoNames.hasPorts(a.proto);
        out.raw(',').key("src_ip");
        ip(true);
        if (ports) {
            out.raw(',').key("src_port").number(a.srcPort);
        }
        out.raw(',').key("dest_ip");
        ip(false);
        if (ports) {
            out.raw(',').key("dest_port").number(a.dstPort);
        }
        out.raw(',').key("proto").raw('"').ascii(ProtoNames.name(a.proto & 0xff)).raw('"');
        if ((a.proto == 1 || a.proto == 58) && a.icmpType >= 0) {
            out.raw(',').key("icmp_type").number(a.icmpType);
            out.raw(',').key("icmp_code").number(a.icmpCode);
        }
        int src = a.pktSrc & 0xff;
        out.raw(',').key("pkt_src").raw('"')
                .ascii(src < AlertRecord.PKT_SRC_NAMES.length ? AlertRecord.PKT_SRC_NAMES[src] : "unknown").raw('"');
        if (a.txId >= 0) {
            out.raw(',').key("tx_id").unsigned(a.txId);
            if (a.txGuessed) {
                out.raw(',').key("tx_guessed").ascii("true");
            }
        }
        out.raw(',');
        alertObject(true);
        if (hasFlow) {
            if (a.appLayerLength() > 0) {
                out.raw(',').raw(a.appLayerBytes(), 0, a.appLayerLength());
            }
            appProto("app_proto", a.appProto);
            appProto("app_proto_ts", a.appProtoTs);
            appProto("app_proto_tc", a.appProtoTc);
            appProto("app_proto_orig", a.appProtoOrig);
            appProto("app_proto_expected", a.appProtoExpected);
            out.raw(',').key("direction").ascii(toServer() ? "\"to_server\"" : "\"to_client\"");
            flowObject(ports);
        }
        out.raw('}');
    }

    private boolean toServer() {
        return a.direction == AlertRecord.DIR_TO_SERVER;
    }

    private void appProto(String key, StringBuilder value) {
        if (value.length() > 0) {
            out.raw(',').key(key).string(value);
        }
    }

    private void alertObject(boolean withTuple) {
        out.key("alert").raw('{');
        out.key("action").ascii(a.action == AlertRecord.ACTION_BLOCKED ? "\"blocked\"" : "\"allowed\"").raw(',');
        spanStart = out.length();
        out.raw(a.ruleIdentity(), 0, a.ruleIdentity().length);
        spanEnd = out.length();
        boolean split = withTuple && a.ruleTarget() != AlertRecord.TARGET_NONE;
        if (split) {
            sourceTarget(a.ruleTarget() == AlertRecord.TARGET_DEST);
        }
        byte[] metadata = a.ruleMetadata();
        if (metadata.length > 0) {
            out.raw(metadata, 0, metadata.length);
            if (!split) {
                spanEnd = out.length();
            }
        }
        out.raw('}');
    }

    private void sourceTarget(boolean destIsTarget) {
        boolean ports = ProtoNames.hasPorts(a.proto);
        out.raw(',').key("source").raw('{');
        endpoint(destIsTarget, ports);
        out.raw('}').raw(',').key("target").raw('{');
        endpoint(!destIsTarget, ports);
        out.raw('}');
    }

    private void endpoint(boolean packetSrc, boolean ports) {
        out.key("ip");
        ip(packetSrc);
        if (ports) {
            out.raw(',').key("port").number(packetSrc ? a.srcPort : a.dstPort);
        }
    }

    private void flowObject(boolean ports) {
        out.raw(',').key("flow").raw('{');
        out.key("pkts_toserver").unsigned(a.pktsToServer).raw(',');
        out.key("pkts_toclient").unsigned(a.pktsToClient).raw(',');
        out.key("bytes_toserver").unsigned(a.bytesToServer).raw(',');
        out.key("bytes_toclient").unsigned(a.bytesToClient).raw(',');
        out.key("start").raw('"');
        time.append(out, a.flowStartNanos);
        out.raw('"');
        boolean c2s = toServer();
        out.raw(',').key("src_ip");
        ip(c2s);
        out.raw(',').key("dest_ip");
        ip(!c2s);
        if (ports && a.srcPort > 0) {
            out.raw(',').key("src_port").number(c2s ? a.srcPort : a.dstPort);
            out.raw(',').key("dest_port").number(c2s ? a.dstPort : a.srcPort);
        }
        out.raw('}');
    }

    /** The packet's source ({@code true}) or destination address, quoted. */
    private void ip(boolean source) {
        EveIp.appendQuoted(out, a.ipVersion, source ? a.srcHi : a.dstHi, source ? a.srcLo : a.dstLo);
    }
}
