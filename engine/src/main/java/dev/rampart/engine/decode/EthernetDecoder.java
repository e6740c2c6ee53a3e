package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** Ethernet II: 6+6 byte addresses and the EtherType (Suricata's DecodeEthernet). */
final class EthernetDecoder {
    static final int HEADER_LEN = 14;
    private final PacketDecoder d;

    EthernetDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.ethernet++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.ETHERNET_PKT_TOO_SMALL);
            return;
        }
        // An unknown EtherType is counted (decoder.unknown_ethertype) but the frame stays valid.
        d.decodeEtherType(p, b, Bytes.u16(b, off + 12), off + HEADER_LEN, len - HEADER_LEN);
    }
}
