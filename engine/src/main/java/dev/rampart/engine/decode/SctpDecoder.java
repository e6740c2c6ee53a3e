package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/** SCTP common header (RFC 9260): ports only; chunks are not decoded. */
final class SctpDecoder {
    static final int HEADER_LEN = 12;

    private SctpDecoder() {
    }

    static void decode(PacketDecoder d, Packet p, ByteBuffer b, int off, int len) {
        d.counters.sctp++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.SCTP_PKT_TOO_SMALL);
            return;
        }
        p.ipProto = 132;
        p.l4Offset = off;
        p.l4Length = len;
        p.srcPort = Bytes.u16(b, off);
        p.dstPort = Bytes.u16(b, off + 2);
        p.payloadOffset = off + HEADER_LEN;
        p.payloadLength = len - HEADER_LEN;
    }
}
