package dev.rampart.capture.synth;

/** IPv4 packets with a 20-byte header (no options), Don't Fragment set, correct header checksum. */
public final class Ipv4 {
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int HEADER_LENGTH = 20;

    private Ipv4() {
    }

    public static byte[] packet(int srcIp, int dstIp, int protocol, int id, int ttl, byte[] payload) {
        int total = HEADER_LENGTH + payload.length;
        if (total > 0xffff) {
            throw new IllegalArgumentException("IPv4 packet too long: " + total);
        }
        byte[] p = new byte[total];
        p[0] = 0x45; // version 4, IHL 5
        p[1] = 0; // DSCP/ECN
        Bytes.putShort(p, 2, total);
        Bytes.putShort(p, 4, id & 0xffff);
        Bytes.putShort(p, 6, 0x4000); // DF, offset 0
        p[8] = (byte) ttl;
        p[9] = (byte) protocol;
        Bytes.putInt(p, 12, srcIp & 0xffffffffL);
        Bytes.putInt(p, 16, dstIp & 0xffffffffL);
        Bytes.putShort(p, 10, Checksums.internet(p, 0, HEADER_LENGTH));
        System.arraycopy(payload, 0, p, HEADER_LENGTH, payload.length);
        return p;
    }
}
