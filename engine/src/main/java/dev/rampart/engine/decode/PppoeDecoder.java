package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * PPPoE (RFC 2516), Suricata's DecodePPPOEDiscovery (EtherType 0x8863) and DecodePPPOESession
 * (0x8864). Both count {@code decoder.pppoe}. Discovery frames are checked (code, tag length);
 * session frames carry a PPP protocol number of one or two bytes and the PPP payload.
 */
final class PppoeDecoder {
    static final int DISCOVERY_HEADER_LEN = 6;
    /** Session header with a one-byte protocol field. */
    static final int SESSION_HEADER_MIN_LEN = 7;

    private final PacketDecoder d;

    PppoeDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decodeDiscovery(Packet p, ByteBuffer b, int off, int len) {
        d.counters.pppoe++;
        if (len < DISCOVERY_HEADER_LEN) {
            p.invalidEvent(DecodeEvent.PPPOE_PKT_TOO_SMALL);
            return;
        }
        switch (Bytes.u8(b, off + 1)) {
            case 0x09, 0x07, 0x19, 0x65, 0xA7 -> { // PADI, PADO, PADR, PADS, PADT
            }
            default -> {
                p.invalidEvent(DecodeEvent.PPPOE_WRONG_CODE);
                return;
            }
        }
        if (Bytes.u16(b, off + 4) > len - DISCOVERY_HEADER_LEN) {
            p.invalidEvent(DecodeEvent.PPPOE_MALFORMED_TAGS);
        }
        // the tags themselves are not interpreted (Suricata only walks them)
    }

    void decodeSession(Packet p, ByteBuffer b, int off, int len) {
        d.counters.pppoe++;
        if (len < SESSION_HEADER_MIN_LEN) {
            p.invalidEvent(DecodeEvent.PPPOE_PKT_TOO_SMALL);
            return;
        }
        if (Bytes.u16(b, off + 4) == 0) {
            return; // no PPP payload
        }
        int hlen;
        int proto;
        if ((Bytes.u8(b, off + 6) & 0x01) != 0) { // RFC 1661: low bit of the first byte set = one-byte field
            proto = Bytes.u8(b, off + 6);
            hlen = SESSION_HEADER_MIN_LEN;
        } else {
            hlen = SESSION_HEADER_MIN_LEN + 1;
            if (len < hlen) {
                p.invalidEvent(DecodeEvent.PPPOE_PKT_TOO_SMALL);
                return;
            }
            proto = Bytes.u16(b, off + 6);
        }
        d.ppp.decodeProtocol(p, b, off + hlen, len - hlen, proto);
    }
}
