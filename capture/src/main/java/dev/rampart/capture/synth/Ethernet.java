package dev.rampart.capture.synth;

/** Ethernet II frames (no FCS, as captures store them). */
public final class Ethernet {
    public static final int TYPE_IPV4 = 0x0800;
    public static final int HEADER_LENGTH = 14;

    private Ethernet() {
    }

    public static byte[] frame(long dstMac, long srcMac, int etherType, byte[] payload) {
        byte[] f = new byte[HEADER_LENGTH + payload.length];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dstMac >>> (40 - 8 * i));
            f[6 + i] = (byte) (srcMac >>> (40 - 8 * i));
        }
        Bytes.putShort(f, 12, etherType);
        System.arraycopy(payload, 0, f, HEADER_LENGTH, payload.length);
        return f;
    }
}
