package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * ERSPAN over GRE: type II has an 8-byte header (version 1, VLAN, session id) before the mirrored
 * Ethernet frame, type I has none. Both count as {@code decoder.erspan}; Suricata 7.0.10 decodes
 * type I with its default configuration too (checked with the oracle).
 */
final class ErspanDecoder {
    static final int HEADER_LEN = 8;
    private final PacketDecoder d;

    ErspanDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decodeTypeII(Packet p, ByteBuffer b, int off, int len) {
        d.counters.erspan++;
        if (len < HEADER_LEN) {
            p.event(DecodeEvent.ERSPAN_HEADER_TOO_SMALL);
            return;
        }
        if (!d.enterLayer(p)) {
            return;
        }
        int verVlan = Bytes.u16(b, off);
        if ((verVlan >>> 12) != 1) {
            p.event(DecodeEvent.ERSPAN_UNSUPPORTED_VERSION);
            return;
        }
        int vlanId = verVlan & 0x0FFF;
        if (vlanId != 0) {
            if (p.vlanCount >= Packet.MAX_VLAN_LAYERS) {
                p.event(DecodeEvent.ERSPAN_TOO_MANY_VLAN_LAYERS);
                return;
            }
            p.vlanIds[p.vlanCount++] = vlanId;
        }
        d.ethernet.decode(p, b, off + HEADER_LEN, len - HEADER_LEN);
    }

    void decodeTypeI(Packet p, ByteBuffer b, int off, int len) {
        d.counters.erspan++;
        d.ethernet.decode(p, b, off, len);
    }
}
