package dev.rampart.engine.applayer.mqtt;

import java.util.Arrays;

/**
 * Reads one MQTT control packet from the front of a direction's buffered bytes, as Suricata 7's
 * MQTT parser reads it: a fixed header (type, flags, a variable-length remaining length of at most
 * four bytes), then the type's fields within exactly that length (bytes left over are ignored; a
 * field running past the end makes the packet malformed). v5 fields (properties, reason codes) are
 * read when the session's protocol version, from its last CONNECT, is 5.
 */
final class MqttParser {
    /** Suricata's app-layer.protocols.mqtt.max-msg-length default: longer packets are passed over. */
    static final int MAX_MESSAGE = 1 << 20;

    /** Not all of the packet is here yet. */
    static final int INCOMPLETE = 0;
    /** The packet cannot be read (Suricata's malformed_traffic; its parser stops for the flow). */
    static final int MALFORMED = -1;
    /**
     * An AUTH packet whose fields end early: Suricata's AUTH reader is the one not bounded to the
     * packet, so it asks for more bytes, which never help: the direction's parsing stops there.
     */
    static final int STALLED = -2;

    private MqttParser() {
    }

    /**
     * Reads the packet at {@code b[off, off + len)} into {@code m} (a fresh message). Returns the bytes it
     * takes (for a {@link MqttMessage#truncated} one the whole packet, which may be more than
     * {@code len}), or {@link #INCOMPLETE}, {@link #MALFORMED}, {@link #STALLED}.
     */
    static long parse(byte[] b, int off, int len, int protocolVersion, MqttMessage m) {
        if (len < 1) {
            return INCOMPLETE;
        }
        int flags = b[off] & 0xFF;
        int remaining = 0;
        int i = 1;
        for (int shift = 0; ; shift += 7) {
            if (i >= len) {
                return INCOMPLETE;
            }
            int v = b[off + i++] & 0xFF;
            remaining |= (v & 0x7F) << shift;
            if ((v & 0x80) == 0) {
                break;
            }
            if (i == 4) {
                // three continuation bytes are the most; a fourth must end the number
                if (i >= len) {
                    return INCOMPLETE;
                }
                if ((b[off + i] & 0x80) != 0) {
                    return MALFORMED;
                }
            }
        }
        m.type = flags >>> 4;
        m.dup = (flags & 0x08) != 0;
        m.qos = (flags >>> 1) & 3;
        m.retain = (flags & 1) != 0;
        int header = i;
        if (remaining > MAX_MESSAGE) {
            m.truncated = true;
            m.skipped = (long) header + remaining;
            return m.skipped;
        }
        if (len - header < remaining) {
            return INCOMPLETE;
        }
        Reader r = new Reader(b, off + header, remaining);
        boolean v5 = protocolVersion == 5;
        boolean ok = switch (m.type) {
            case MqttMessage.CONNECT -> connect(r, m);
            case MqttMessage.CONNACK -> {
                int ack = r.u8();
                m.returnCode = r.u8();
                m.sessionPresent = (ack & 1) != 0;
                yield ack >= 0 && m.returnCode >= 0 && (!v5 || r.properties(m));
            }
            case MqttMessage.PUBLISH -> {
                m.topic = r.string();
                if (m.topic == null || (m.qos > 0 && (m.messageId = r.u16()) < 0) || (v5 && !r.properties(m))) {
                    yield false;
                }
                m.payload = r.rest();
                yield true;
            }
            case MqttMessage.PUBACK, MqttMessage.PUBREC, MqttMessage.PUBREL, MqttMessage.PUBCOMP -> idOnly(r, m, v5, remaining);
            case MqttMessage.SUBSCRIBE -> subscribe(r, m, v5);
            case MqttMessage.SUBACK -> {
                m.messageId = r.u16();
                yield m.messageId >= 0 && (!v5 || r.properties(m)) && (m.codes = r.rest()) != null;
            }
            case MqttMessage.UNSUBSCRIBE -> {
                m.messageId = r.u16();
                if (m.messageId < 0 || (v5 && !r.properties(m))) {
                    yield false;
                }
                m.topics = MqttMessage.newTopics();
                for (byte[] t; (t = r.string()) != null; ) {
                    m.topics.add(t); // as many whole topics as there are; a partial one ends the list
                }
                yield true;
            }
            case MqttMessage.UNSUBACK -> {
                m.messageId = r.u16();
                yield m.messageId >= 0 && (!v5 || r.properties(m)) && (m.codes = r.rest()) != null;
            }
            case MqttMessage.DISCONNECT -> disconnect(r, m, v5, remaining);
            case MqttMessage.AUTH -> {
                m.reasonCode = r.u8();
                if (m.reasonCode < 0 || !r.properties(m)) {
                    yield false;
                }
                yield true;
            }
            default -> true; // PINGREQ, PINGRESP: nothing to read; UNASSIGNED: the caller decides
        };
        if (!ok) {
            return m.type == MqttMessage.AUTH && !r.bad ? STALLED : MALFORMED;
        }
        return (long) header + remaining;
    }

    private static boolean connect(Reader r, MqttMessage m) {
        m.protocolString = r.string();
        m.protocolVersion = r.u8();
        int f = r.u8();
        if (m.protocolString == null || m.protocolVersion < 0 || f < 0 || r.u16() < 0) {
            return false;
        }
        m.connectFlags = f;
        boolean v5 = m.protocolVersion == 5;
        boolean will = (f & 0x04) != 0;
        if (v5 && !r.properties(m)) {
            return false;
        }
        if ((m.clientId = r.string()) == null) {
            return false;
        }
        if (v5 && will) {
            byte[] connectProps = m.properties;
            if (!r.properties(m)) {
                return false;
            }
            m.willProperties = m.properties;
            m.properties = connectProps;
        }
        if (will && ((m.willTopic = r.string()) == null || (m.willMessage = r.string()) == null)) {
            return false;
        }
        if ((f & 0x80) != 0 && (m.username = r.string()) == null) {
            return false;
        }
        return (f & 0x40) == 0 || (m.password = r.string()) != null;
    }

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: the identifier; in v5 a reason code (0 when left out) and properties. */
    private static boolean idOnly(Reader r, MqttMessage m, boolean v5, int length) {
        m.messageId = r.u16();
        if (m.messageId < 0) {
            return false;
        }
        if (!v5) {
            return true;
        }
        if (length == 2) {
            m.reasonCode = 0;
            return true;
        }
        m.reasonCode = r.u8();
        return m.reasonCode >= 0 && (length == 3 || r.properties(m));
    }

    private static boolean subscribe(Reader r, MqttMessage m, boolean v5) {
        m.messageId = r.u16();
        if (m.messageId < 0 || (v5 && !r.properties(m))) {
            return false;
        }
        m.topics = MqttMessage.newTopics();
        byte[] qos = new byte[8];
        int n = 0;
        while (true) {
            int mark = r.pos;
            byte[] t = r.string();
            int q = t == null ? -1 : r.u8();
            if (q < 0) {
                r.pos = mark;
                r.bad = false;
                break;
            }
            m.topics.add(t);
            if (n == qos.length) {
                qos = Arrays.copyOf(qos, n * 2);
            }
            qos[n++] = (byte) q;
        }
        m.topicQos = Arrays.copyOf(qos, n);
        return n > 0; // at least one topic filter
    }

    /**
     * v5 DISCONNECT: a reason code and properties, both left out for a normal disconnection. With a
     * reason code and no properties (one byte) Suricata 7 records the code as 0 whatever it is, which
     * mqtt.reason_code then sees: kept.
     */
    private static boolean disconnect(Reader r, MqttMessage m, boolean v5, int length) {
        if (!v5) {
            return true;
        }
        if (length == 0) {
            m.reasonCode = 0;
            return true;
        }
        int code = r.u8();
        if (code < 0) {
            return false;
        }
        if (length == 1) {
            m.reasonCode = 0;
            return true;
        }
        m.reasonCode = code;
        return r.properties(m);
    }

    /** Big-endian fields within one packet's remaining length. */
    static final class Reader {
        final byte[] b;
        int pos;
        final int end;
        /** A length said more bytes than the packet has (always malformed, even for AUTH). */
        boolean bad;

        Reader(byte[] b, int off, int len) {
            this.b = b;
            this.pos = off;
            this.end = off + len;
        }

        int u8() {
            return pos < end ? b[pos++] & 0xFF : -1;
        }

        int u16() {
            if (end - pos < 2) {
                return -1;
            }
            int v = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32() {
            if (end - pos < 4) {
                return -1;
            }
            long v = (b[pos] & 0xFFL) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        /** A variable byte integer of at most four bytes; -1 when it runs out or is too long. */
        long varint() {
            long v = 0;
            for (int k = 0; k < 4; k++) {
                if (pos >= end) {
                    return -1;
                }
                int c = b[pos++] & 0xFF;
                v |= (long) (c & 0x7F) << (7 * k);
                if ((c & 0x80) == 0) {
                    return v;
                }
            }
            bad = true;
            return -1;
        }

        /** A two-byte length and that many bytes (a UTF-8 string or binary data); null when it runs out. */
        byte[] string() {
            int n = u16();
            if (n < 0) {
                return null;
            }
            if (end - pos < n) {
                pos -= 2;
                return null;
            }
            byte[] s = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return s;
        }

        byte[] rest() {
            byte[] s = Arrays.copyOfRange(b, pos, end);
            pos = end;
            return s;
        }

        /**
         * v5 properties: a variable length, then that many bytes of (identifier, value) pairs, kept as
         * sent in {@code m.properties} (null when the length is 0). Each value must fit its type; an
         * identifier Suricata does not know takes no value.
         */
        boolean properties(MqttMessage m) {
            long n = varint();
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                m.properties = null;
                return true;
            }
            if (end - pos < n) {
                bad = true; // the property block is cut by the packet: malformed, AUTH included
                return false;
            }
            int from = pos;
            int blockEnd = pos + (int) n;
            Reader props = new Reader(b, from, (int) n);
            while (props.pos < props.end) {
                long id = props.varint();
                if (id < 0 || !MqttProperties.skipValue(props, (int) id)) {
                    bad |= props.bad;
                    return false;
                }
            }
            m.properties = Arrays.copyOfRange(b, from, blockEnd);
            pos = blockEnd;
            return true;
        }
    }
}
