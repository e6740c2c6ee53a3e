package dev.rampart.capture.synth;

/** The Internet checksum (RFC 1071) and the IPv4 pseudo-header sum TCP and UDP use. */
public final class Checksums {
    private Checksums() {
    }

    /** Ones'-complement sum of 16-bit words, not yet folded or inverted. */
    public static long sum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8; // odd length: pad with a zero byte
        }
        return sum;
    }

    /** Folds a sum to 16 bits and inverts it: the value to put in a checksum field. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public static int internet(byte[] b, int off, int len) {
        return finish(sum(b, off, len, 0));
    }

    /** Sum of the IPv4 pseudo header (source, destination, protocol, transport length). */
    public static long pseudoHeader(int srcIp, int dstIp, int protocol, int length) {
        return ((srcIp >>> 16) & 0xffff) + (srcIp & 0xffff) + ((dstIp >>> 16) & 0xffff) + (dstIp & 0xffff)
                + protocol + length;
    }

    /** TCP/UDP checksum of a whole segment (its checksum field must be zero). */
    public static int transport(int srcIp, int dstIp, int protocol, byte[] segment) {
        return finish(sum(segment, 0, segment.length, pseudoHeader(srcIp, dstIp, protocol, segment.length)));
    }
}
