package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * Teredo (RFC 4380): IPv6 in UDP, Suricata's DecodeTeredo. Nothing in the payload proves it is
 * Teredo, so Suricata guesses: an optional origin indication (8 bytes starting 00 00) then an
 * IPv6 header with a non-zero hop limit, no hop-by-hop header with a payload under 8 bytes, and a
 * payload length that accounts for exactly the rest of the UDP payload. Authentication headers
 * (00 01) and other 00 xx starts are not tunnels. The guess is confirmed only when the inner IPv6
 * packet decodes without making the packet invalid; otherwise the packet stays plain UDP (the
 * inner layers' counters stay counted, their events are dropped: Suricata discards the pseudo
 * packet).
 */
final class TeredoDecoder {
    private static final int ORIGIN_INDICATION_LEN = 8;
    private static final int IPV6_HEADER_LEN = 40;

    private final PacketDecoder d;

    TeredoDecoder(PacketDecoder d) {
        this.d = d;
    }

    /** Decodes the UDP payload at {@code off} as Teredo; false (packet unchanged) when it is not. */
    boolean decode(Packet p, ByteBuffer b, int off, int len) {
        if (len < IPV6_HEADER_LEN) {
            return false;
        }
        int start = off;
        if (Bytes.u8(b, off) == 0) {
            if (Bytes.u8(b, off + 1) != 0) {
                return false; // authentication (negotiation, not a tunnel) or not Teredo at all
            }
            if (len < ORIGIN_INDICATION_LEN + IPV6_HEADER_LEN) {
                return false;
            }
            start += ORIGIN_INDICATION_LEN;
        }
        if ((Bytes.u8(b, start) >>> 4) != 6) {
            return false;
        }
        int payloadLen = Bytes.u16(b, start + 4);
        int nextHeader = Bytes.u8(b, start + 6);
        int hopLimit = Bytes.u8(b, start + 7);
        if (hopLimit == 0) {
            return false; // valid but odd: most likely not Teredo
        }
        if (nextHeader == 0 && payloadLen < 8) {
            return false;
        }
        int innerLen = len - (start - off);
        if (innerLen != IPV6_HEADER_LEN + payloadLen) {
            return false;
        }
        Packet outer = d.enterTunnel(p);
        int layers = d.layers();
        boolean wasInvalid = p.invalid;
        p.invalid = false;
        d.ipv6.decode(p, b, start, innerLen);
        if (p.invalid && outer != null) {
            d.leaveTunnel(p, outer); // not a (valid) tunnel: back to the outer UDP packet
            d.layers(layers);
            p.invalid = wasInvalid;
            return false;
        }
        p.invalid |= wasInvalid;
        d.counters.teredo++;
        return true;
    }
}
