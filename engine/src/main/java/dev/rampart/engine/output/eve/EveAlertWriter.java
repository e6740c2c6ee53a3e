package dev.rampart.engine.output.eve;

import dev.rampart.eve.EveIp;
import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;
import dev.rampart.eve.ProtoNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;

/**
 * Writes EVE {@code alert} records shaped as Suricata 7.0's (default eve-log alert settings:
 * metadata on, flow on, app-layer on; no payload/packet/verdict/xff/rule text), one JSON line per
 * {@link AlertEvent}. Field order, checked against the oracle:
 *
 * <pre>
 * timestamp, flow_id, [parent_id], [pcap_cnt], event_type, [vlan], src_ip, [src_port], dest_ip,
 * [dest_port], proto, [icmp_type, icmp_code], pkt_src, [tx_id], [tx_guessed],
 * alert{action, gid, signature_id, rev, signature, category, severity, [source, target], [metadata]},
 * [app-layer objects], [app_proto, app_proto_ts, app_proto_tc, app_proto_orig, app_proto_expected],
 * direction, flow{pkts_toserver, pkts_toclient, bytes_toserver, bytes_toclient, start,
 *                 src_ip, dest_ip, [src_port, dest_port]}
 * </pre>
 *
 * <p>Orientation: the top-level {@code src_ip/src_port/dest_ip/dest_port} are the packet's own
 * (a to_client alert names the server as src); the {@code flow} object is always client to server
 * (swapped for a to_client packet). Ports are logged for TCP, UDP and SCTP only; inside {@code flow}
 * they are left out when the packet's source port is 0 (Suricata tests that port, not the proto).
 * {@code direction} is logged for every alert with a flow.
 *
 * <p>Not thread-safe: one writer (and one {@link AlertEvent}) per worker. The record is rendered
 * into a reused byte buffer and handed to the stream in one {@code write}; wrap the stream in a
 * {@link java.io.BufferedOutputStream} (or share one behind a lock) as needed. Steady state allocates
 * nothing.
 */
public final class EveAlertWriter {
    private final OutputStream out;
    private final JsonBuffer buf = new JsonBuffer(1024);
    private final EveTime time;
    /** The rule's static bytes in the line last rendered: [start, end). */
    private int ruleSpanStart;
    private int ruleSpanEnd;
    /** The length of the line last rendered (the buffer also holds write's newline). */
    private int lineLength;

    public EveAlertWriter(OutputStream out) {
        this(out, EveTime.utc());
    }

    public EveAlertWriter(OutputStream out, ZoneId zone) {
        this(out, new EveTime(zone));
    }

    private EveAlertWriter(OutputStream out, EveTime time) {
        this.out = out;
        this.time = time;
    }

    /** Renders and writes one line (with its newline). */
    public void write(AlertEvent e) {
        render(e);
        buf.raw('\n');
        try {
            buf.writeTo(out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Renders the record (no newline) into the internal buffer and returns it. */
    public JsonBuffer render(AlertEvent e) {
        renderLine(e);
        lineLength = buf.length();
        return buf;
    }

    private void renderLine(AlertEvent e) {
        JsonBuffer b = buf;
        b.reset();
        ruleSpanStart = ruleSpanEnd = 0;
        b.raw('{').key("timestamp").raw('"');
        time.append(b, e.timestampNanos);
        b.raw('"');
        if (!e.ipPacket) {
            // Decoder-event alert on a non-IP packet: no tuple, no flow.
            b.raw(',');
            alertObject(b, e, false);
            b.raw('}');
            return;
        }
        if (e.hasFlow) {
            b.raw(',').key("flow_id").unsigned(e.flowId);
            if (e.parentId != 0) {
                b.raw(',').key("parent_id").unsigned(e.parentId);
            }
        }
        if (e.pcapCnt != 0) {
            b.raw(',').key("pcap_cnt").unsigned(e.pcapCnt);
        }
        b.raw(',').key("event_type").ascii("\"alert\"");
        if (e.vlanCount > 0) {
            b.raw(',').key("vlan").raw('[');
            int n = Math.min(e.vlanCount, AlertEvent.MAX_VLANS);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.raw(',');
                }
                b.number(e.vlanIds[i]);
            }
            b.raw(']');
        }
        boolean ports = ProtoNames.hasPorts(e.proto);
        b.raw(',').key("src_ip");
        EveIp.appendQuoted(b, e.ipVersion, e.srcHi, e.srcLo);
        if (ports) {
            b.raw(',').key("src_port").number(e.srcPort);
        }
        b.raw(',').key("dest_ip");
        EveIp.appendQuoted(b, e.ipVersion, e.dstHi, e.dstLo);
        if (ports) {
            b.raw(',').key("dest_port").number(e.dstPort);
        }
        b.raw(',').key("proto").raw('"').ascii(ProtoNames.name(e.proto)).raw('"');
        if ((e.proto == 1 || e.proto == 58) && e.icmpType >= 0) {
            b.raw(',').key("icmp_type").number(e.icmpType);
            b.raw(',').key("icmp_code").number(e.icmpCode);
        }
        b.raw(',').key("pkt_src").raw('"').ascii(e.pktSrc.text()).raw('"');
        if (e.txId >= 0) {
            b.raw(',').key("tx_id").unsigned(e.txId);
            if (e.txGuessed) {
                b.raw(',').key("tx_guessed").ascii("true");
            }
        }
        b.raw(',');
        alertObject(b, e, true);
        if (e.hasFlow) {
            if (e.appLayerJson != null && e.appLayerLength > 0) {
                b.raw(',').raw(e.appLayerJson, 0, e.appLayerLength);
            }
            appProto(b, "app_proto", e.appProto);
            appProto(b, "app_proto_ts", e.appProtoTs);
            appProto(b, "app_proto_tc", e.appProtoTc);
            appProto(b, "app_proto_orig", e.appProtoOrig);
            appProto(b, "app_proto_expected", e.appProtoExpected);
            b.raw(',').key("direction").ascii(e.toServer ? "\"to_server\"" : "\"to_client\"");
            flowObject(b, e, ports);
        }
        b.raw('}');
    }

    private static void appProto(JsonBuffer b, String key, String value) {
        if (value != null) {
            b.raw(',').key(key).string(value);
        }
    }

    private void alertObject(JsonBuffer b, AlertEvent e, boolean withTuple) {
        EveRuleInfo r = e.rule;
        b.key("alert").raw('{');
        b.key("action").ascii(e.blocked ? "\"blocked\"" : "\"allowed\"").raw(',');
        ruleSpanStart = b.length();
        b.raw(r.identityJson());
        ruleSpanEnd = b.length();
        boolean split = withTuple && r.target != EveRuleInfo.Target.NONE;
        if (split) {
            sourceTarget(b, e, r.target == EveRuleInfo.Target.DEST_IS_TARGET);
        }
        byte[] metadata = r.metadata();
        if (metadata != null) {
            b.raw(metadata);
            if (!split) {
                ruleSpanEnd = b.length();
            }
        }
        b.raw('}');
    }

    /**
     * The line last rendered ({@link #render} or {@link #write}), until the next: bytes
     * [0, {@link #lineLength()}) of this array, without the newline {@code write} adds.
     */
    public byte[] lineBytes() {
        return buf.array();
    }

    public int lineLength() {
        return lineLength;
    }

    /**
     * Where the line last rendered holds its rule's static bytes: the alert identity, and the
     * metadata after it unless source/target come between. The same bytes in every alert of the
     * rule (the alert journal writes them once per rule).
     */
    public int ruleSpanStart() {
        return ruleSpanStart;
    }

    public int ruleSpanLength() {
        return ruleSpanEnd - ruleSpanStart;
    }

    /** {@code source}/{@code target}: packet orientation, swapped when the rule's target is the source. */
    private static void sourceTarget(JsonBuffer b, AlertEvent e, boolean destIsTarget) {
        boolean ports = ProtoNames.hasPorts(e.proto);
        b.raw(',').key("source").raw('{');
        endpoint(b, e, destIsTarget, ports);
        b.raw('}').raw(',').key("target").raw('{');
        endpoint(b, e, !destIsTarget, ports);
        b.raw('}');
    }

    private static void endpoint(JsonBuffer b, AlertEvent e, boolean packetSrc, boolean ports) {
        b.key("ip");
        if (packetSrc) {
            EveIp.appendQuoted(b, e.ipVersion, e.srcHi, e.srcLo);
        } else {
            EveIp.appendQuoted(b, e.ipVersion, e.dstHi, e.dstLo);
        }
        if (ports) {
            b.raw(',').key("port").number(packetSrc ? e.srcPort : e.dstPort);
        }
    }

    private void flowObject(JsonBuffer b, AlertEvent e, boolean ports) {
        b.raw(',').key("flow").raw('{');
        b.key("pkts_toserver").unsigned(e.pktsToServer).raw(',');
        b.key("pkts_toclient").unsigned(e.pktsToClient).raw(',');
        b.key("bytes_toserver").unsigned(e.bytesToServer).raw(',');
        b.key("bytes_toclient").unsigned(e.bytesToClient).raw(',');
        b.key("start").raw('"');
        time.append(b, e.flowStartNanos);
        b.raw('"');
        boolean c2s = e.toServer;
        b.raw(',').key("src_ip");
        if (c2s) {
            EveIp.appendQuoted(b, e.ipVersion, e.srcHi, e.srcLo);
        } else {
            EveIp.appendQuoted(b, e.ipVersion, e.dstHi, e.dstLo);
        }
        b.raw(',').key("dest_ip");
        if (c2s) {
            EveIp.appendQuoted(b, e.ipVersion, e.dstHi, e.dstLo);
        } else {
            EveIp.appendQuoted(b, e.ipVersion, e.srcHi, e.srcLo);
        }
        if (ports && e.srcPort > 0) {
            b.raw(',').key("src_port").number(c2s ? e.srcPort : e.dstPort);
            b.raw(',').key("dest_port").number(c2s ? e.dstPort : e.srcPort);
        }
        b.raw('}');
    }
}
