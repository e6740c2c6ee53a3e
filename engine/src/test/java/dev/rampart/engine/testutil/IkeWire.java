package dev.rampart.engine.testutil;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** ISAKMP messages for tests: the header, generic payloads and the IKEv1 SA / proposal / transform nesting. */
public final class IkeWire {
    private IkeWire() {
    }

    /** A message: header (version byte 0x10 for IKEv1, 0x20 for IKEv2) and the payload bytes. */
    public static byte[] message(long initSpi, long respSpi, int firstPayload, int version, int exchange, int flags,
                                 int messageId, byte[] payloads) {
        ByteBuffer b = ByteBuffer.allocate(28 + payloads.length);
        b.putLong(initSpi).putLong(respSpi).put((byte) firstPayload).put((byte) version).put((byte) exchange)
                .put((byte) flags).putInt(messageId).putInt(28 + payloads.length).put(payloads);
        return b.array();
    }

    /** A generic payload header (next payload, reserved, length) and its data. */
    public static byte[] payload(int next, byte[] data) {
        return cat(new byte[] {(byte) next, 0, (byte) ((data.length + 4) >> 8), (byte) (data.length + 4)}, data);
    }

    /** Security Association data: IPsec DOI (1), situation 1, then the proposal payloads. */
    public static byte[] sa(int doi, byte[] proposals) {
        return cat(ByteBuffer.allocate(8).putInt(doi).putInt(1).array(), proposals);
    }

    /** Proposal data: number, protocol ISAKMP (1), no SPI, transform count, then the transform payloads. */
    public static byte[] proposal(int count, byte[] transforms) {
        return cat(new byte[] {1, 1, 0, (byte) count}, transforms);
    }

    /** Transform data: number, id KEY_IKE (1), reserved, then the attributes. */
    public static byte[] transform(int number, byte[]... attributes) {
        return cat(new byte[] {(byte) number, 1, 0, 0}, cat(attributes));
    }

    /** A basic (type/value) attribute. */
    public static byte[] tv(int type, int value) {
        return new byte[] {(byte) (0x80 | type >> 8), (byte) type, (byte) (value >> 8), (byte) value};
    }

    /** A variable attribute with a 4-byte value (read as a number). */
    public static byte[] tlv4(int type, int value) {
        return cat(new byte[] {(byte) (type >> 8), (byte) type, 0, 4}, ByteBuffer.allocate(4).putInt(value).array());
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    public static byte[] bytes(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }
}
