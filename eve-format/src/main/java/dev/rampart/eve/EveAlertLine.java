package dev.rampart.eve;

/**
 * Renders one EVE {@code alert} line shaped as Suricata 7.0's (default eve-log alert settings:
 * metadata on, flow on, app-layer on; no payload/packet/verdict/xff/rule text) from an
 * {@link EveAlertSource}: the one renderer of the line, used by the engine's EVE alert writer
 * (eve.json) and by the alert journal's readers (console, {@code rampart alerts export}), so the
 * two print the same bytes. Field order, checked against the oracle:
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
 * {@code direction} is logged for every alert with a flow. A decoder-event alert on a non-IP
 * packet has only timestamp and alert (no tuple, no flow).
 *
 * <p>The rule span: where the line holds its rule's static bytes (the alert identity, and the
 * metadata after it unless source/target come between), the same bytes in every alert of the rule;
 * the alert journal writes them once per rule and cycle file.
 *
 * <p>Not thread-safe: one per writer. The line is rendered into a reused buffer; steady state
 * allocates nothing.
 */
public final class EveAlertLine {
    private final JsonBuffer out = new JsonBuffer(1024);
    private final EveTime time;
    /** The alert being rendered (only during {@link #render}). */
    private EveAlertSource a;
    /** The rule's static bytes in the line last rendered: [start, end). */
    private int ruleSpanStart;
    private int ruleSpanEnd;

    /** Times in {@code time}'s zone (the journal's readers use UTC, as scan and the sensor write eve.json). */
    public EveAlertLine(EveTime time) {
        this.time = time;
    }

    /**
     * Renders {@code alert}'s line (no newline) into the reused buffer and returns it: bytes
     * {@code [0, length())}, valid until the next render.
     */
    public JsonBuffer render(EveAlertSource alert) {
        a = alert;
        out.reset();
        ruleSpanStart = ruleSpanEnd = 0;
        line();
        a = null;
        return out;
    }

    /** The buffer every {@link #render} writes into (and returns): the line last rendered. */
    public JsonBuffer buffer() {
        return out;
    }

    /** Where the line last rendered holds its rule's static bytes (see the class comment). */
    public int ruleSpanStart() {
        return ruleSpanStart;
    }

    public int ruleSpanLength() {
        return ruleSpanEnd - ruleSpanStart;
    }

    private void line() {
        JsonBuffer b = out;
        b.raw('{').key("timestamp").raw('"');
        time.append(b, a.timestampNanos());
        b.raw('"');
        if (!a.ipPacket()) {
            b.raw(',');
            alertObject(false);
            b.raw('}');
            return;
        }
        boolean hasFlow = a.hasFlow();
        if (hasFlow) {
            b.raw(',').key("flow_id").unsigned(a.flowId());
            long parentId = a.parentId();
            if (parentId != 0) {
                b.raw(',').key("parent_id").unsigned(parentId);
            }
        }
        long pcapCnt = a.pcapCnt();
        if (pcapCnt != 0) {
            b.raw(',').key("pcap_cnt").unsigned(pcapCnt);
        }
        b.raw(',').key("event_type").ascii("\"alert\"");
        int vlans = a.vlanCount();
        if (vlans > 0) {
            b.raw(',').key("vlan").raw('[');
            int n = Math.min(vlans, EveAlertFields.MAX_VLANS);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.raw(',');
                }
                b.number(a.vlanId(i));
            }
            b.raw(']');
        }
        int proto = a.proto();
        boolean ports = ProtoNames.hasPorts(proto);
        b.raw(',').key("src_ip");
        ip(true);
        if (ports) {
            b.raw(',').key("src_port").number(a.srcPort());
        }
        b.raw(',').key("dest_ip");
        ip(false);
        if (ports) {
            b.raw(',').key("dest_port").number(a.dstPort());
        }
        b.raw(',').key("proto").raw('"').ascii(ProtoNames.name(proto)).raw('"');
        int icmpType = a.icmpType();
        if ((proto == 1 || proto == 58) && icmpType >= 0) {
            b.raw(',').key("icmp_type").number(icmpType);
            b.raw(',').key("icmp_code").number(a.icmpCode());
        }
        int src = a.pktSrc();
        b.raw(',').key("pkt_src").raw('"').ascii(src >= 0 && src < EveAlertFields.PKT_SRC_NAMES.length
                ? EveAlertFields.PKT_SRC_NAMES[src] : "unknown").raw('"');
        long txId = a.txId();
        if (txId >= 0) {
            b.raw(',').key("tx_id").unsigned(txId);
            if (a.txGuessed()) {
                b.raw(',').key("tx_guessed").ascii("true");
            }
        }
        b.raw(',');
        alertObject(true);
        if (hasFlow) {
            byte[] appLayer = a.appLayerBytes();
            int appLayerLength = a.appLayerLength();
            if (appLayer != null && appLayerLength > 0) {
                b.raw(',').raw(appLayer, 0, appLayerLength);
            }
            appProto("app_proto", a.appProto());
            appProto("app_proto_ts", a.appProtoTs());
            appProto("app_proto_tc", a.appProtoTc());
            appProto("app_proto_orig", a.appProtoOrig());
            appProto("app_proto_expected", a.appProtoExpected());
            boolean toServer = a.toServer();
            b.raw(',').key("direction").ascii(toServer ? "\"to_server\"" : "\"to_client\"");
            flowObject(ports, toServer);
        }
        b.raw('}');
    }

    private void appProto(String key, CharSequence value) {
        if (value != null) {
            out.raw(',').key(key).string(value);
        }
    }

    private void alertObject(boolean withTuple) {
        JsonBuffer b = out;
        b.key("alert").raw('{');
        b.key("action").ascii(a.blocked() ? "\"blocked\"" : "\"allowed\"").raw(',');
        ruleSpanStart = b.length();
        b.raw(a.ruleIdentity());
        ruleSpanEnd = b.length();
        int target = a.ruleTarget();
        boolean split = withTuple && target != EveAlertSource.TARGET_NONE;
        if (split) {
            sourceTarget(target == EveAlertSource.TARGET_DEST);
        }
        byte[] metadata = a.ruleMetadata();
        if (metadata != null && metadata.length > 0) {
            b.raw(metadata);
            if (!split) {
                ruleSpanEnd = b.length();
            }
        }
        b.raw('}');
    }

    /** {@code source}/{@code target}: packet orientation, swapped when the rule's target is the source. */
    private void sourceTarget(boolean destIsTarget) {
        boolean ports = ProtoNames.hasPorts(a.proto());
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
            out.raw(',').key("port").number(packetSrc ? a.srcPort() : a.dstPort());
        }
    }

    private void flowObject(boolean ports, boolean c2s) {
        JsonBuffer b = out;
        b.raw(',').key("flow").raw('{');
        b.key("pkts_toserver").unsigned(a.pktsToServer()).raw(',');
        b.key("pkts_toclient").unsigned(a.pktsToClient()).raw(',');
        b.key("bytes_toserver").unsigned(a.bytesToServer()).raw(',');
        b.key("bytes_toclient").unsigned(a.bytesToClient()).raw(',');
        b.key("start").raw('"');
        time.append(b, a.flowStartNanos());
        b.raw('"');
        b.raw(',').key("src_ip");
        ip(c2s);
        b.raw(',').key("dest_ip");
        ip(!c2s);
        int srcPort = a.srcPort();
        int dstPort = a.dstPort();
        if (ports && srcPort > 0) {
            b.raw(',').key("src_port").number(c2s ? srcPort : dstPort);
            b.raw(',').key("dest_port").number(c2s ? dstPort : srcPort);
        }
        b.raw('}');
    }

    /** The packet's source ({@code true}) or destination address, quoted. */
    private void ip(boolean source) {
        if (source) {
            EveIp.appendQuoted(out, a.ipVersion(), a.srcHi(), a.srcLo());
        } else {
            EveIp.appendQuoted(out, a.ipVersion(), a.dstHi(), a.dstLo());
        }
    }
}
