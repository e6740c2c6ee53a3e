package dev.rampart.engine.decode;

/** ESP (RFC 4303): SPI and sequence number; the rest is encrypted, decoding stops here. */
final class EspDecoder {
    static final int HEADER_LEN = 8;

    private EspDecoder() {
    }

    static void decode(PacketDecoder d, Packet p, int off, int len) {
        d.counters.esp++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.ESP_PKT_TOO_SMALL);
            return;
        }
        p.ipProto = 50;
        p.l4Offset = off;
        p.l4Length = len;
        p.payloadOffset = off + HEADER_LEN;
        p.payloadLength = len - HEADER_LEN;
    }
}
