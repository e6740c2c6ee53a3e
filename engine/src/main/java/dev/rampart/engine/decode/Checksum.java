package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** Internet checksum (RFC 1071) over buffer ranges; allocation free. */
public final class Checksum {
    private Checksum() {
    }

    /** Adds the 16-bit big-endian words of {@code [off, off+len)} to {@code sum} (odd tail padded). */
    public static long add(ByteBuffer b, int off, int len, long sum) {
        int i = off;
        int end = off + len;
        while (i + 8 <= end) {
            long v = b.getLong(i);
            sum += (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
            i += 8;
        }
        while (i + 2 <= end) {
            sum += b.getShort(i) & 0xFFFF;
            i += 2;
        }
        if (i < end) {
            sum += (b.get(i) & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds a running sum into the 16-bit one's complement checksum. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Checksum of a range; 0 when the range already holds a correct checksum field. */
    public static int compute(ByteBuffer b, int off, int len) {
        return fold(add(b, off, len, 0));
    }

    /** Sum of the IPv4 pseudo-header for an L4 checksum. */
    public static long ipv4PseudoHeader(ByteBuffer b, int ipOff, int proto, int l4Len) {
        long sum = add(b, ipOff + 12, 8, 0);
        return sum + proto + l4Len;
    }

    /** Sum of the IPv6 pseudo-header (RFC 8200 section 8.1) for an L4 checksum. */
    public static long ipv6PseudoHeader(ByteBuffer b, int ipOff, int proto, int l4Len) {
        long sum = add(b, ipOff + 8, 32, 0);
        return sum + proto + (l4Len >>> 16) + (l4Len & 0xFFFF);
    }

    /** RFC 1624 incremental update of a checksum when one 16-bit word changes. */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return fold(sum);
    }
}
