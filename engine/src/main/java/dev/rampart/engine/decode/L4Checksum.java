package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** Transport checksum over the IPv4 or IPv6 pseudo-header of the packet's current IP layer. */
public final class L4Checksum {
    private L4Checksum() {
    }

    public static boolean valid(Packet p, ByteBuffer b, int proto, int off, int len) {
        long sum = p.ipVersion == 4
                ? Checksum.ipv4PseudoHeader(b, p.l3Offset, proto, len)
                : Checksum.ipv6PseudoHeader(b, p.l3Offset, proto, len);
        return Checksum.fold(Checksum.add(b, off, len, sum)) == 0;
    }
}
