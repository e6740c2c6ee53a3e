package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * 802.1Q / 802.1ad / QinQ tag (EtherTypes 0x8100, 0x88a8, 0x9100): 2 bytes TCI, 2 bytes inner
 * EtherType. Up to {@link Packet#MAX_VLAN_LAYERS} ids are kept; a deeper tag is an event
 * (raised by the dispatcher before this decoder runs, as Suricata does).
 */
final class VlanDecoder {
    static final int HEADER_LEN = 4;
    private final PacketDecoder d;

    VlanDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        DecodeCounters c = d.counters;
        switch (p.vlanCount) {
            case 0 -> c.vlan++;
            case 1 -> c.vlanQinq++;
            default -> c.vlanQinqinq++;
        }
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.VLAN_HEADER_TOO_SMALL);
            return;
        }
        if (!d.enterLayer(p)) {
            return;
        }
        p.vlanIds[p.vlanCount++] = Bytes.u16(b, off) & 0x0FFF;
        if (!d.decodeEtherType(p, b, Bytes.u16(b, off + 2), off + HEADER_LEN, len - HEADER_LEN)) {
            p.invalidEvent(DecodeEvent.VLAN_UNKNOWN_TYPE);
        }
    }
}
