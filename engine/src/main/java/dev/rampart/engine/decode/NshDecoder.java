package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * Network Service Header (RFC 8300, EtherType 0x894F), Suricata's DecodeNSH: 8-byte base and
 * service path header, version 0, length in 4-byte words (24 bytes for MD type 1, variable for
 * type 2), then the next protocol: IPv4, IPv6, Ethernet or MPLS. Decoded in place (not a tunnel).
 */
final class NshDecoder {
    static final int HEADER_LEN = 8;

    private final PacketDecoder d;

    NshDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.nsh++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.NSH_HEADER_TOO_SMALL);
            return;
        }
        if (!d.enterLayer(p)) {
            return;
        }
        int verFlagsLen = Bytes.u16(b, off);
        if ((verFlagsLen >>> 14) != 0) {
            p.event(DecodeEvent.NSH_UNSUPPORTED_VERSION);
            return;
        }
        int length = (verFlagsLen & 0x3F) * 4;
        if (length >= len) { // there is always something after the header
            p.invalidEvent(DecodeEvent.NSH_BAD_HEADER_LENGTH);
            return;
        }
        int mdType = Bytes.u8(b, off + 2);
        if (mdType == 0 || mdType == 0xF) {
            p.event(DecodeEvent.NSH_RESERVED_TYPE); // to be ignored silently
            return;
        } else if (mdType == 1) {
            if (length != 24) {
                p.invalidEvent(DecodeEvent.NSH_BAD_HEADER_LENGTH);
                return;
            }
        } else if (mdType != 2) {
            p.event(DecodeEvent.NSH_UNSUPPORTED_TYPE);
            return;
        }
        int inner = off + length;
        int innerLen = len - length;
        switch (Bytes.u8(b, off + 3)) {
            case 1 -> d.ipv4.decode(p, b, inner, innerLen);
            case 2 -> d.ipv6.decode(p, b, inner, innerLen);
            case 3 -> d.ethernet.decode(p, b, inner, innerLen);
            case 5 -> d.mpls.decode(p, b, inner, innerLen);
            default -> p.event(DecodeEvent.NSH_UNKNOWN_PAYLOAD); // includes NSH in NSH
        }
    }
}
