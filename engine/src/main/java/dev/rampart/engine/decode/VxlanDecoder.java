package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * VXLAN (RFC 7348) over UDP, Suricata's DecodeVXLAN: 8-byte header (I flag required, last
 * reserved byte zero) then an Ethernet frame whose EtherType picks the inner packet. The inner
 * Ethernet header is skipped without being counted as {@code decoder.ethernet}, as Suricata does.
 */
final class VxlanDecoder {
    static final int HEADER_LEN = 8;
    private static final int ETHERNET_LEN = 14;

    private final PacketDecoder d;

    VxlanDecoder(PacketDecoder d) {
        this.d = d;
    }

    /**
     * Decodes the UDP payload at {@code off} as VXLAN. Returns false when it is not VXLAN (too
     * short, flags); the caller then treats it as plain UDP.
     */
    boolean decode(Packet p, ByteBuffer b, int off, int len) {
        if (len < HEADER_LEN + ETHERNET_LEN) {
            return false;
        }
        if (!d.enterLayer(p)) {
            return false;
        }
        if ((Bytes.u8(b, off) & 0x08) == 0 || Bytes.u8(b, off + 7) != 0) {
            return false;
        }
        d.counters.vxlan++;
        int etherType = Bytes.u16(b, off + HEADER_LEN + 12);
        int inner = off + HEADER_LEN + ETHERNET_LEN;
        int innerLen = len - HEADER_LEN - ETHERNET_LEN;
        switch (etherType) {
            case 0x0806 -> {
                // ARP: nothing to decode, the packet stays the outer UDP one
            }
            case 0x0800 -> {
                d.enterTunnel(p);
                d.ipv4.decode(p, b, inner, innerLen);
            }
            case 0x86DD -> {
                d.enterTunnel(p);
                d.ipv6.decode(p, b, inner, innerLen);
            }
            case 0x8100, 0x88A8, 0x9100 -> {
                d.enterTunnel(p);
                d.decodeEtherType(p, b, etherType, inner, innerLen);
            }
            default -> d.unknownUdpTunnelPayload(p, DecodeEvent.VXLAN_UNKNOWN_PAYLOAD_TYPE);
        }
        return true;
    }
}
