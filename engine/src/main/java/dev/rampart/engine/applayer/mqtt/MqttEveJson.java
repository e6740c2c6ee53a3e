package dev.rampart.engine.applayer.mqtt;

import dev.rampart.engine.applayer.EveText;
import dev.rampart.eve.JsonBuffer;
import java.util.Locale;

/**
 * The alert's "mqtt" object as Suricata 7 writes it: one member per packet of the transaction, named
 * by its type, with the fixed header's qos / retain / dup and the type's fields (passwords included,
 * as its alert output writes them).
 */
final class MqttEveJson {
    private MqttEveJson() {
    }

    static void append(MqttTx tx, StringBuilder out) {
        out.append("\"mqtt\":{");
        boolean first = true;
        for (MqttMessage m : tx.messages) {
            if (m.type == MqttMessage.UNASSIGNED) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            message(m, out);
        }
        out.append('}');
    }

    private static void message(MqttMessage m, StringBuilder out) {
        out.append('"').append(MqttMessage.NAMES[m.type].toLowerCase(Locale.ROOT)).append("\":{")
                .append("\"qos\":").append(m.qos).append(",\"retain\":").append(m.retain)
                .append(",\"dup\":").append(m.dup);
        if (m.truncated) {
            out.append(",\"truncated\":true,\"skipped_length\":").append(m.skipped).append('}');
            return;
        }
        switch (m.type) {
            case MqttMessage.CONNECT -> {
                text(out.append(",\"protocol_string\":"), m.protocolString);
                out.append(",\"protocol_version\":").append(m.protocolVersion);
                text(out.append(",\"client_id\":"), m.clientId);
                int f = m.connectFlags;
                out.append(",\"flags\":{\"username\":").append((f & 0x80) != 0)
                        .append(",\"password\":").append((f & 0x40) != 0)
                        .append(",\"will_retain\":").append((f & 0x20) != 0)
                        .append(",\"will\":").append((f & 0x04) != 0)
                        .append(",\"clean_session\":").append((f & 0x02) != 0).append('}');
                if (m.username != null) {
                    text(out.append(",\"username\":"), m.username);
                }
                if (m.password != null) {
                    bytes(out.append(",\"password\":"), m.password);
                }
                if ((f & 0x04) != 0) {
                    out.append(",\"will\":{");
                    boolean first = true;
                    if (m.willTopic != null) {
                        text(out.append("\"topic\":"), m.willTopic);
                        first = false;
                    }
                    if (m.willMessage != null) {
                        bytes(out.append(first ? "" : ",").append("\"message\":"), m.willMessage);
                        first = false;
                    }
                    if (m.willProperties != null) {
                        MqttProperties.appendEve(out.append(first ? "" : ","), m.willProperties);
                    }
                    out.append('}');
                }
            }
            case MqttMessage.CONNACK -> out.append(",\"session_present\":").append(m.sessionPresent)
                    .append(",\"return_code\":").append(m.returnCode);
            case MqttMessage.PUBLISH -> {
                text(out.append(",\"topic\":"), m.topic);
                if (m.messageId >= 0) {
                    out.append(",\"message_id\":").append(m.messageId);
                }
                bytes(out.append(",\"message\":"), m.payload);
            }
            case MqttMessage.PUBACK, MqttMessage.PUBREC, MqttMessage.PUBREL, MqttMessage.PUBCOMP -> {
                out.append(",\"message_id\":").append(m.messageId);
                if (m.reasonCode >= 0) {
                    out.append(",\"reason_code\":").append(m.reasonCode);
                }
            }
            case MqttMessage.SUBSCRIBE -> {
                out.append(",\"message_id\":").append(m.messageId).append(",\"topics\":[");
                for (int i = 0; i < m.topics.size(); i++) {
                    text(out.append(i > 0 ? ",{\"topic\":" : "{\"topic\":"), m.topics.get(i));
                    out.append(",\"qos\":").append(m.topicQos[i] & 0xFF).append('}');
                }
                out.append(']');
            }
            case MqttMessage.SUBACK -> {
                out.append(",\"message_id\":").append(m.messageId).append(",\"qos_granted\":[");
                codes(out, m.codes);
            }
            case MqttMessage.UNSUBSCRIBE -> {
                out.append(",\"message_id\":").append(m.messageId).append(",\"topics\":[");
                for (int i = 0; i < m.topics.size(); i++) {
                    text(out.append(i > 0 ? "," : ""), m.topics.get(i));
                }
                out.append(']');
            }
            case MqttMessage.UNSUBACK -> {
                out.append(",\"message_id\":").append(m.messageId);
                if (m.codes.length > 0) {
                    out.append(",\"reason_codes\":[");
                    codes(out, m.codes);
                }
            }
            case MqttMessage.AUTH -> out.append(",\"reason_code\":").append(m.reasonCode);
            case MqttMessage.DISCONNECT -> {
                if (m.reasonCode >= 0) {
                    out.append(",\"reason_code\":").append(m.reasonCode);
                }
            }
            default -> {
            }
        }
        // SUBACK, UNSUBSCRIBE and UNSUBACK properties are read but not written (as Suricata's logger)
        if (m.properties != null && m.type != MqttMessage.SUBACK && m.type != MqttMessage.UNSUBSCRIBE
                && m.type != MqttMessage.UNSUBACK) {
            MqttProperties.appendEve(out.append(','), m.properties);
        }
        out.append('}');
    }

    private static void codes(StringBuilder out, byte[] codes) {
        for (int i = 0; i < codes.length; i++) {
            out.append(i > 0 ? "," : "").append(codes[i] & 0xFF);
        }
        out.append(']');
    }

    /** A UTF-8 string field (invalid sequences replaced, as Suricata's lossy conversion does). */
    static StringBuilder text(StringBuilder out, byte[] utf8) {
        JsonBuffer b = new JsonBuffer(utf8.length + 8);
        b.string(MqttProperties.utf8(utf8));
        return out.append(b);
    }

    /** A binary field, written byte by byte as Suricata's set_string_from_bytes does. */
    static StringBuilder bytes(StringBuilder out, byte[] b) {
        return EveText.quoted(out, b, 0, b.length);
    }
}
