package dev.rampart.engine.applayer.mqtt;

import java.util.ArrayList;
import java.util.List;

/**
 * One MQTT control packet as {@link MqttParser} read it: the fixed header and the fields of its type.
 * Fields a type does not have stay null / -1. Byte fields are copies (a message outlives the stream
 * buffer it came from); the whole message is bounded by {@link MqttParser#MAX_MESSAGE}.
 */
public final class MqttMessage {
    public static final int UNASSIGNED = 0;
    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;
    public static final int AUTH = 15;

    /** Type names as mqtt.type takes them and EVE writes them (lower case there), by type code. */
    static final String[] NAMES = {"UNASSIGNED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
        "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};

    // fixed header
    int type;
    boolean dup;
    int qos;
    boolean retain;
    /** Longer than the parser keeps: only the header was read, {@link #skipped} bytes passed over. */
    boolean truncated;
    long skipped;

    // CONNECT
    byte[] protocolString;
    int protocolVersion = -1;
    /** The connect flags byte as sent (mqtt.connect.flags compares it whole). */
    int connectFlags;
    byte[] clientId;
    byte[] willTopic;
    byte[] willMessage;
    byte[] willProperties;
    byte[] username;
    byte[] password;

    // CONNACK
    boolean sessionPresent;
    int returnCode = -1;

    // PUBLISH, the acknowledgements, SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK
    byte[] topic;
    /** The packet identifier; -1 when the packet has none (PUBLISH at QoS 0). */
    int messageId = -1;
    byte[] payload;
    /** Reason code of a v5 acknowledgement, DISCONNECT or AUTH; -1 when there is none. */
    int reasonCode = -1;
    /** SUBSCRIBE / UNSUBSCRIBE topic filters, in order. */
    List<byte[]> topics;
    /** SUBSCRIBE: each topic's requested QoS byte. */
    byte[] topicQos;
    /** SUBACK: granted QoS per topic; UNSUBACK: reason codes (empty before v5). */
    byte[] codes;

    /** v5 properties as sent (identifier, value ...), or null when the packet has none. */
    byte[] properties;

    public int type() {
        return type;
    }

    public int qos() {
        return qos;
    }

    public boolean retain() {
        return retain;
    }

    public boolean dup() {
        return dup;
    }

    /** Whether this packet type is a client's or a server's acknowledgement of a packet identifier. */
    static boolean idAcknowledgement(int type) {
        return type == PUBACK || type == PUBREC || type == PUBREL || type == PUBCOMP || type == SUBACK
                || type == UNSUBACK;
    }

    static List<byte[]> newTopics() {
        return new ArrayList<>(2);
    }
}
