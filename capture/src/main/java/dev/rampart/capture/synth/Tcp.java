package dev.rampart.capture.synth;

/** TCP segments with a correct checksum over the IPv4 pseudo header. */
public final class Tcp {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private Tcp() {
    }

    /**
     * @param options TCP options, padded by the caller to a multiple of 4 bytes (may be empty)
     */
    public static byte[] segment(int srcIp, int dstIp, int srcPort, int dstPort, long seq, long ack, int flags,
            int window, byte[] options, byte[] payload) {
        if (options.length % 4 != 0 || options.length > 40) {
            throw new IllegalArgumentException("TCP options must be padded to 4 bytes, at most 40");
        }
        int hlen = 20 + options.length;
        byte[] s = new byte[hlen + payload.length];
        Bytes.putShort(s, 0, srcPort);
        Bytes.putShort(s, 2, dstPort);
        Bytes.putInt(s, 4, seq & 0xffffffffL);
        Bytes.putInt(s, 8, ack & 0xffffffffL);
        s[12] = (byte) ((hlen / 4) << 4);
        s[13] = (byte) flags;
        Bytes.putShort(s, 14, window);
        System.arraycopy(options, 0, s, 20, options.length);
        System.arraycopy(payload, 0, s, hlen, payload.length);
        Bytes.putShort(s, 16, Checksums.transport(srcIp, dstIp, Ipv4.PROTO_TCP, s));
        return s;
    }

    /** The MSS option (kind 2) as SYN segments carry it. */
    public static byte[] mssOption(int mss) {
        return new byte[] {2, 4, (byte) (mss >>> 8), (byte) mss};
    }
}
