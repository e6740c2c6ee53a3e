package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * Geneve (RFC 8926) over UDP, Suricata's DecodeGeneve: 8-byte fixed header plus options (their
 * lengths must add up to the header's option length), version 0, reserved bits zero. The
 * protocol type names the inner packet: IPv4, IPv6 or Ethernet (0x6558).
 */
final class GeneveDecoder {
    static final int HEADER_LEN = 8;

    private final PacketDecoder d;

    GeneveDecoder(PacketDecoder d) {
        this.d = d;
    }

    /** Decodes the UDP payload at {@code off} as Geneve; false when it is not Geneve. */
    boolean decode(Packet p, ByteBuffer b, int off, int len) {
        if (len < HEADER_LEN) {
            return false;
        }
        if (!d.enterLayer(p)) {
            return false;
        }
        int verOptLen = Bytes.u8(b, off);
        int optLen = (verOptLen & 0x3F) << 2;
        int hlen = HEADER_LEN + optLen;
        if (len < hlen) {
            return false;
        }
        if ((verOptLen >>> 6) != 0) {
            return false;
        }
        if ((Bytes.u8(b, off + 1) & 0x3F) != 0 || Bytes.u8(b, off + 7) != 0) {
            return false;
        }
        // each option: class (2), type (1), reserved bits + length in 4-byte words (1), data
        int remaining = optLen;
        int opt = off + HEADER_LEN;
        while (remaining > 0) {
            int one = 4 + ((Bytes.u8(b, opt + 3) & 0x1F) << 2);
            opt += one;
            remaining -= one;
        }
        if (remaining != 0) {
            return false;
        }
        d.counters.geneve++;
        int inner = off + hlen;
        int innerLen = len - hlen;
        switch (Bytes.u16(b, off + 2)) {
            case 0x0800 -> {
                d.enterTunnel(p);
                d.ipv4.decode(p, b, inner, innerLen);
            }
            case 0x86DD -> {
                d.enterTunnel(p);
                d.ipv6.decode(p, b, inner, innerLen);
            }
            case 0x6558 -> {
                d.enterTunnel(p);
                d.ethernet.decode(p, b, inner, innerLen);
            }
            case 0x0806 -> {
                // ARP: not decoded
            }
            default -> d.unknownUdpTunnelPayload(p, DecodeEvent.GENEVE_UNKNOWN_PAYLOAD_TYPE);
        }
        return true;
    }
}
