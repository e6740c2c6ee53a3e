package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * BSD loopback (LINKTYPE_NULL: 4-byte address family in the capturing host's byte order) and
 * OpenBSD loopback (LINKTYPE_LOOP: network byte order). Both count as {@code decoder.null}.
 */
final class NullLoopDecoder {
    static final int HEADER_LEN = 4;
    private final PacketDecoder d;

    NullLoopDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len, boolean networkOrder) {
        d.counters.nullLink++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.LTNULL_PKT_TOO_SMALL);
            return;
        }
        int family = networkOrder ? b.getInt(off) : Bytes.u32le(b, off);
        if (!networkOrder && !known(family)) {
            // a file written on a big-endian host
            family = b.getInt(off);
        }
        switch (family) {
            case 2 -> d.ipv4.decode(p, b, off + HEADER_LEN, len - HEADER_LEN);
            // AF_INET6 differs per OS: Linux 10, Winsock 23, BSD 24, Solaris 26, FreeBSD 28, Darwin 30
            case 10, 23, 24, 26, 28, 30 -> d.ipv6.decode(p, b, off + HEADER_LEN, len - HEADER_LEN);
            default -> p.event(DecodeEvent.LTNULL_UNSUPPORTED_TYPE);
        }
    }

    private static boolean known(int family) {
        return family == 2 || family == 10 || family == 23 || family == 24 || family == 26 || family == 28
                || family == 30;
    }
}
