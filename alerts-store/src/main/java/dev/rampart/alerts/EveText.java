package dev.rampart.alerts;

import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;
import dev.rampart.eve.ProtoNames;
import java.nio.charset.StandardCharsets;

/**
 * Renders a journaled alert as one Suricata EVE JSON line (event_type alert) so that SIEM tooling
 * reads an export as it reads Suricata's eve.json. Keys and their order follow Suricata 7's alert
 * records; metadata becomes {@code {"key":["value",...]}} as Suricata writes it. Rampart's own
 * fields go under {@code "rampart"} (alert id, score, incident, masked), which EVE consumers ignore.
 * An alert journaled with its own EVE line is written as it was.
 */
public final class EveText {
    private EveText() {
    }

    public static void appendAlert(StringBuilder out, AlertRecord a) {
        if (a.eveLength() > 0) {
            out.append(new String(a.eveBytes(), 0, a.eveLength(), StandardCharsets.UTF_8));
            return;
        }
        out.append("{\"timestamp\":\"");
        appendTime(out, a.timestampNanos);
        out.append("\",\"flow_id\":").append(a.flowId);
        if (a.pcapCnt > 0) {
            out.append(",\"pcap_cnt\":").append(a.pcapCnt);
        }
        out.append(",\"event_type\":\"alert\",\"src_ip\":\"");
        IpText.append(out, a.ipVersion, a.srcHi, a.srcLo);
        out.append("\",\"src_port\":").append(a.srcPort).append(",\"dest_ip\":\"");
        IpText.append(out, a.ipVersion, a.dstHi, a.dstLo);
        out.append("\",\"dest_port\":").append(a.dstPort).append(",\"proto\":\"").append(ProtoNames.name(a.proto)).append('"');
        if (a.appProto.length() > 0) {
            out.append(",\"app_proto\":");
            string(out, a.appProto);
        }
        if (a.direction != AlertRecord.DIR_UNKNOWN) {
            out.append(",\"direction\":\"").append(a.direction == AlertRecord.DIR_TO_SERVER ? "to_server" : "to_client").append('"');
        }
        out.append(",\"alert\":{\"action\":\"").append(a.action == AlertRecord.ACTION_BLOCKED ? "blocked" : "allowed")
                .append("\",\"gid\":").append(a.gid).append(",\"signature_id\":").append(a.sid)
                .append(",\"rev\":").append(a.rev).append(",\"signature\":");
        string(out, a.msg);
        out.append(",\"category\":");
        string(out, a.category);
        out.append(",\"severity\":").append(a.severity);
        if (a.metadata.length() > 0) {
            out.append(",\"metadata\":");
            appendMetadata(out, a.metadata);
        }
        out.append("},\"rampart\":{\"alert_id\":").append(a.alertId).append(",\"score\":").append(a.score);
        if (a.incidentId != AlertRecord.NO_INCIDENT) {
            out.append(",\"incident_id\":").append(a.incidentId);
        }
        out.append(",\"masked\":").append(a.masked).append("}}");
    }

    /** Suricata's EVE timestamp, in UTC: {@code 2015-10-22T11:17:43.787396+0000} ({@link EveTime}'s text). */
    public static void appendTime(StringBuilder out, long nanos) {
        JsonBuffer b = new JsonBuffer(32);
        EveTime.utc().append(b, nanos);
        out.append(b);
    }

    /** {@code "k v, k v2, j w"} as {@code {"k":["v","v2"],"j":["w"]}} (keys in first-seen order). */
    static void appendMetadata(StringBuilder out, CharSequence metadata) {
        java.util.LinkedHashMap<String, java.util.List<String>> byKey = new java.util.LinkedHashMap<>();
        for (String item : metadata.toString().split(",")) {
            String t = item.trim();
            if (t.isEmpty()) {
                continue;
            }
            int sp = t.indexOf(' ');
            String key = sp < 0 ? t : t.substring(0, sp);
            String value = sp < 0 ? "" : t.substring(sp + 1).trim();
            byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
        }
        out.append('{');
        boolean first = true;
        for (var e : byKey.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, e.getValue().get(i));
            }
            out.append(']');
        }
        out.append('}');
    }

    static void string(StringBuilder out, CharSequence s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
