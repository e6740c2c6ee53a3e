package dev.rampart.engine.applayer.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * MQTT v5 properties: the value type of each identifier Suricata 7 reads (to step over it) and the
 * names its EVE output gives them. An identifier not listed has no value there: the next byte is read
 * as the next identifier.
 */
final class MqttProperties {
    private static final int NONE = 0;
    private static final int U8 = 1;
    private static final int U16 = 2;
    private static final int U32 = 3;
    private static final int VARINT = 4;
    private static final int STRING = 5;
    private static final int BINARY = 6;
    private static final int PAIR = 7;

    private static final int[] TYPE = new int[43];
    private static final String[] NAME = new String[43];

    static {
        def(1, U8, "payload_format_indicator");
        def(2, U32, "message_expiry_interval");
        def(3, STRING, "content_type");
        def(8, STRING, "response_topic");
        def(9, BINARY, "correlation_data");
        def(11, VARINT, "subscription_identifier");
        def(17, U32, "session_expiry_interval");
        def(18, STRING, "assigned_client_identifier");
        def(19, U16, "server_keep_alive");
        def(21, STRING, "authentication_method");
        def(22, BINARY, "authentication_data");
        def(23, U8, "request_problem_information");
        def(24, U32, "will_delay_interval");
        def(25, U8, "request_response_information");
        def(26, STRING, "response_information");
        def(28, STRING, "server_reference");
        def(31, STRING, "reason_string");
        def(33, U16, "receive_maximum");
        def(34, U16, "topic_alias_maximum");
        def(35, U16, "topic_alias");
        def(36, U8, "maximum_qos");
        def(37, U8, "retain_available");
        def(38, PAIR, null);
        def(39, U32, "maximum_packet_size");
        def(40, U8, "wildcard_subscription_available");
        def(41, U8, "subscription_identifier_available");
        def(42, U8, "shared_subscription_available");
    }

    private static void def(int id, int type, String name) {
        TYPE[id] = type;
        NAME[id] = name;
    }

    private MqttProperties() {
    }

    private static int type(int id) {
        return id >= 0 && id < TYPE.length ? TYPE[id] : NONE;
    }

    /** Steps over the value of property {@code id}; false when it does not fit. */
    static boolean skipValue(MqttParser.Reader r, int id) {
        return switch (type(id)) {
            case U8 -> r.u8() >= 0;
            case U16 -> r.u16() >= 0;
            case U32 -> r.u32() >= 0;
            case VARINT -> r.varint() >= 0;
            case STRING, BINARY -> r.string() != null;
            case PAIR -> r.string() != null && r.string() != null;
            default -> true;
        };
    }

    /** Appends {@code "properties":{...}} for a block {@link MqttParser} accepted. */
    static void appendEve(StringBuilder out, byte[] block) {
        out.append("\"properties\":{");
        MqttParser.Reader r = new MqttParser.Reader(block, 0, block.length);
        boolean first = true;
        while (r.pos < r.end) {
            int id = (int) r.varint();
            int t = type(id);
            if (t == NONE) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            switch (t) {
                case U8 -> key(out, NAME[id]).append(r.u8());
                case U16 -> key(out, NAME[id]).append(r.u16());
                case U32 -> key(out, NAME[id]).append(r.u32());
                case VARINT -> key(out, NAME[id]).append(r.varint());
                case STRING -> text(key(out, NAME[id]), r.string());
                case BINARY -> MqttEveJson.bytes(key(out, NAME[id]), r.string());
                default -> { // a user property: its own name and value
                    byte[] k = r.string();
                    text(out, k).append(':');
                    text(out, r.string());
                }
            }
        }
        out.append('}');
    }

    private static StringBuilder key(StringBuilder out, String name) {
        return out.append('"').append(name).append("\":");
    }

    private static StringBuilder text(StringBuilder out, byte[] utf8) {
        return MqttEveJson.text(out, utf8);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
