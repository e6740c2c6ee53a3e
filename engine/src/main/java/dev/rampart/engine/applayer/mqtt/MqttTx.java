package dev.rampart.engine.applayer.mqtt;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.rules.keyword.Uint;
import java.util.ArrayList;
import java.util.List;

/**
 * An MQTT transaction as Suricata 7 makes them: a packet and the packets that answer it (CONNECT and
 * its CONNACK, a PUBLISH and its acknowledgements by packet identifier, SUBSCRIBE and SUBACK,
 * UNSUBSCRIBE and UNSUBACK); every other packet is a transaction of its own. A transaction belongs to
 * the direction of the packet that opened it and is inspected there only, once it is complete in that
 * direction (suricata 7.0.10 inspects its MQTT keywords at the completed state). The keyword tests
 * below look at every packet of the transaction, as Suricata's do.
 */
public final class MqttTx {
    /** The pending identifier of a CONNECT (packet identifiers are 16 bits: no clash). */
    static final long CONNECT_PKT_ID = 1L << 32;
    /** Suricata's default subscribe- / unsubscribe-topic-match-limit: topic instances looked at. */
    public static final int TOPIC_LIMIT = 100;

    final long id;
    final boolean toServer;
    final List<MqttMessage> messages = new ArrayList<>(2);
    /** The identifier an answer completes this transaction by; -1 none. */
    long pktId = -1;
    boolean complete;
    private int events;
    /** Grows with every packet added and with completion (detection inspects again then). */
    int version;

    MqttTx(long id, boolean toServer, MqttMessage first) {
        this.id = id;
        this.toServer = toServer;
        if (first != null) {
            messages.add(first);
        }
    }

    void add(MqttMessage m) {
        messages.add(m);
        version++;
    }

    void complete() {
        if (!complete) {
            complete = true;
            version++;
        }
    }

    void raise(MqttEvent e) {
        events |= 1 << e.ordinal();
        version++;
    }

    public boolean hasEvent(MqttEvent e) {
        return (events & (1 << e.ordinal())) != 0;
    }

    public long id() {
        return id;
    }

    /** Whether the transaction is done in that direction: the state Suricata inspects it at. */
    public boolean ready(boolean toServer) {
        return complete || this.toServer != toServer;
    }

    /** mqtt.type: some packet's type. */
    public boolean hasType(Uint u) {
        for (MqttMessage m : messages) {
            if (u.matches(m.type)) {
                return true;
            }
        }
        return false;
    }

    /** mqtt.qos: some packet's fixed-header QoS. */
    public boolean hasQos(int qos) {
        for (MqttMessage m : messages) {
            if (m.qos == qos) {
                return true;
            }
        }
        return false;
    }

    /** mqtt.flags: some packet's fixed-header flags as retain (0x1) | dup (0x8). */
    public boolean hasFlags(Uint u) {
        for (MqttMessage m : messages) {
            if (u.matches((m.retain ? 1 : 0) | (m.dup ? 8 : 0))) {
                return true;
            }
        }
        return false;
    }

    /** mqtt.connect.flags: some CONNECT's flags byte (a flag list is a bit-mask comparison). */
    public boolean hasConnectFlags(Uint u) {
        for (MqttMessage m : messages) {
            if (m.type == MqttMessage.CONNECT && m.protocolString != null && u.matches(m.connectFlags)) {
                return true;
            }
        }
        return false;
    }

    /** mqtt.connack.session_present: some CONNACK's flag. */
    public boolean hasSessionPresent(boolean present) {
        for (MqttMessage m : messages) {
            if (m.type == MqttMessage.CONNACK && m.returnCode >= 0 && m.sessionPresent == present) {
                return true;
            }
        }
        return false;
    }

    /**
     * mqtt.reason_code: the first reason code of an acknowledgement, AUTH, CONNACK (its return code)
     * or DISCONNECT; failing that, any SUBACK granted QoS or UNSUBACK reason code.
     */
    public boolean hasReasonCode(Uint u) {
        for (MqttMessage m : messages) {
            int code = switch (m.type) {
                case MqttMessage.PUBACK, MqttMessage.PUBREC, MqttMessage.PUBREL, MqttMessage.PUBCOMP,
                     MqttMessage.AUTH, MqttMessage.DISCONNECT -> m.truncated ? -1 : m.reasonCode;
                case MqttMessage.CONNACK -> m.returnCode;
                default -> -1;
            };
            if (code >= 0) {
                if (u.matches(code)) {
                    return true;
                }
                break;
            }
        }
        for (MqttMessage m : messages) {
            if ((m.type == MqttMessage.SUBACK || m.type == MqttMessage.UNSUBACK) && m.codes != null) {
                for (byte c : m.codes) {
                    if (u.matches(c & 0xFF)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Fields the sticky buffers read: the first packet of the type where the field is not empty. */
    public static final int CLIENT_ID = 0;
    public static final int USERNAME = 1;
    public static final int PASSWORD = 2;
    public static final int WILL_TOPIC = 3;
    public static final int WILL_MESSAGE = 4;
    public static final int PROTOCOL_STRING = 5;
    public static final int PUBLISH_TOPIC = 6;
    public static final int PUBLISH_MESSAGE = 7;

    public boolean field(int which, Slice out) {
        for (MqttMessage m : messages) {
            byte[] v = switch (which) {
                case CLIENT_ID -> m.type == MqttMessage.CONNECT ? m.clientId : null;
                case USERNAME -> m.type == MqttMessage.CONNECT ? m.username : null;
                case PASSWORD -> m.type == MqttMessage.CONNECT ? m.password : null;
                case WILL_TOPIC -> m.type == MqttMessage.CONNECT ? m.willTopic : null;
                case WILL_MESSAGE -> m.type == MqttMessage.CONNECT ? m.willMessage : null;
                case PROTOCOL_STRING -> m.type == MqttMessage.CONNECT ? m.protocolString : null;
                case PUBLISH_TOPIC -> m.type == MqttMessage.PUBLISH ? m.topic : null;
                default -> m.type == MqttMessage.PUBLISH ? m.payload : null;
            };
            if (v != null && v.length > 0) {
                out.set(v, 0, v.length);
                return true;
            }
        }
        return false;
    }

    /** Topic {@code i} of the transaction's SUBSCRIBE (or UNSUBSCRIBE) packets, counted across them. */
    public boolean topic(int type, int i, Slice out) {
        if (i >= TOPIC_LIMIT) {
            return false;
        }
        int base = 0;
        for (MqttMessage m : messages) {
            if (m.type == type && m.topics != null) {
                if (i < base + m.topics.size()) {
                    byte[] t = m.topics.get(i - base);
                    out.set(t, 0, t.length);
                    return true;
                }
                base += m.topics.size();
            }
        }
        return false;
    }
}
