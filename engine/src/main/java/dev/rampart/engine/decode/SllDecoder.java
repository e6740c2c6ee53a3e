package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** Linux "cooked" capture v1 (LINKTYPE_LINUX_SLL): 16-byte header, protocol in the last 2 bytes. */
final class SllDecoder {
    static final int HEADER_LEN = 16;
    private final PacketDecoder d;

    SllDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.sll++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.SLL_PKT_TOO_SMALL);
            return;
        }
        d.decodeEtherType(p, b, Bytes.u16(b, off + 14), off + HEADER_LEN, len - HEADER_LEN);
    }
}
