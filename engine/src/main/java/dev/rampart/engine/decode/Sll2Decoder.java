package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * Linux "cooked" capture v2 (LINKTYPE_LINUX_SLL2): 20-byte header, protocol in the first 2 bytes.
 * Suricata 7 has no separate counter for it; it is counted as {@code decoder.sll}.
 */
final class Sll2Decoder {
    static final int HEADER_LEN = 20;
    private final PacketDecoder d;

    Sll2Decoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.sll++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.SLL_PKT_TOO_SMALL);
            return;
        }
        d.decodeEtherType(p, b, Bytes.u16(b, off), off + HEADER_LEN, len - HEADER_LEN);
    }
}
