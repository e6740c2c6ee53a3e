package dev.rampart.capture.synth;

/** UDP datagrams with a correct checksum over the IPv4 pseudo header. */
public final class Udp {
    private Udp() {
    }

    public static byte[] datagram(int srcIp, int dstIp, int srcPort, int dstPort, byte[] payload) {
        int len = 8 + payload.length;
        byte[] d = new byte[len];
        Bytes.putShort(d, 0, srcPort);
        Bytes.putShort(d, 2, dstPort);
        Bytes.putShort(d, 4, len);
        System.arraycopy(payload, 0, d, 8, payload.length);
        int sum = Checksums.transport(srcIp, dstIp, Ipv4.PROTO_UDP, d);
        Bytes.putShort(d, 6, sum == 0 ? 0xffff : sum); // 0 means "no checksum" in UDP
        return d;
    }
}
