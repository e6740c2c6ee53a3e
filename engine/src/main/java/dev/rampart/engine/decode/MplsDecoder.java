package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * MPLS label stack (RFC 3032), Suricata's DecodeMPLS (EtherTypes 0x8847, 0x8848). The stack has no
 * next-protocol field, so after the bottom-of-stack entry the payload is guessed: the explicit
 * null labels (0: IPv4, 2: IPv6) say it; reserved labels raise an event and stop; otherwise the
 * first nibble picks IPv4 (4), IPv6 (6) or an Ethernet pseudowire behind a 4-byte control word (0).
 */
final class MplsDecoder {
    static final int HEADER_LEN = 4;
    private static final int PW_LEN = 4;
    private static final int MAX_RESERVED_LABEL = 15;

    private final PacketDecoder d;

    MplsDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.mpls++;
        if (!d.enterLayer(p)) {
            return;
        }
        int shim;
        do {
            if (len < HEADER_LEN) {
                p.invalidEvent(DecodeEvent.MPLS_HEADER_TOO_SMALL);
                return;
            }
            shim = b.getInt(off);
            off += HEADER_LEN;
            len -= HEADER_LEN;
        } while (((shim >>> 8) & 1) == 0);

        int label = shim >>> 12;
        switch (label) {
            case 0 -> {
                d.ipv4.decode(p, b, off, len);
                return;
            }
            case 1 -> { // router alert: not valid at the bottom of the stack
                p.event(DecodeEvent.MPLS_BAD_LABEL_ROUTER_ALERT);
                return;
            }
            case 2 -> {
                d.ipv6.decode(p, b, off, len);
                return;
            }
            case 3 -> { // implicit null never appears on the wire
                p.event(DecodeEvent.MPLS_BAD_LABEL_IMPLICIT_NULL);
                return;
            }
            default -> {
                if (label < MAX_RESERVED_LABEL) {
                    p.event(DecodeEvent.MPLS_BAD_LABEL_RESERVED);
                    return;
                }
            }
        }
        if (len < PW_LEN) {
            p.invalidEvent(DecodeEvent.MPLS_PKT_TOO_SMALL);
            return;
        }
        switch (Bytes.u8(b, off) >>> 4) {
            case 4 -> d.ipv4.decode(p, b, off, len);
            case 6 -> d.ipv6.decode(p, b, off, len);
            case 0 -> d.ethernet.decode(p, b, off + PW_LEN, len - PW_LEN);
            default -> p.invalidEvent(DecodeEvent.MPLS_UNKNOWN_PAYLOAD_TYPE);
        }
    }
}
