package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** MQTT control packets for tests: a fixed header with the remaining length, and the field encodings. */
public final class MqttWire {
    private MqttWire() {
    }

    /** A packet of {@code type} with the fixed-header flag nibble {@code flags} around {@code body}. */
    public static byte[] packet(int type, int flags, byte[]... body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int len = 0;
        for (byte[] p : body) {
            len += p.length;
        }
        b.write(type << 4 | flags);
        b.writeBytes(varint(len));
        for (byte[] p : body) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    public static byte[] varint(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int d = (int) (v & 0x7F);
            v >>>= 7;
            b.write(v > 0 ? d | 0x80 : d);
        } while (v > 0);
        return b.toByteArray();
    }

    /** A two-byte length and the bytes. */
    public static byte[] str(String s) {
        byte[] v = s.getBytes(StandardCharsets.UTF_8);
        return cat(u16(v.length), v);
    }

    public static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    public static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** v5 properties: the length, then the (identifier, value) bytes as given. */
    public static byte[] props(byte[]... p) {
        byte[] all = cat(p);
        return cat(varint(all.length), all);
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /**
     * CONNECT: protocol "MQTT", {@code version}, {@code flags} (0x80 username, 0x40 password, 0x04 will,
     * 0x02 clean session), keep-alive 60, v5 properties when version is 5, then the payload fields
     * present in the flags (null ones skipped).
     */
    public static byte[] connect(int version, int flags, String clientId, String willTopic, String willMessage,
                                 String user, String pass) {
        byte[] v5 = version == 5 ? props(bytes(33, 0, 20)) : new byte[0];
        byte[] will = (flags & 0x04) != 0
                ? cat(version == 5 ? props() : new byte[0], str(willTopic), str(willMessage)) : new byte[0];
        return packet(1, 0, str("MQTT"), bytes(version, flags), u16(60), v5, str(clientId), will,
                (flags & 0x80) != 0 ? str(user) : new byte[0], (flags & 0x40) != 0 ? str(pass) : new byte[0]);
    }
}
