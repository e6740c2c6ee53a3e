package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * UDP (RFC 768), Suricata's DecodeUDP. The UDP length bounds the payload. The payload may be a
 * UDP tunnel (Teredo, Geneve, VXLAN) decoded in place, see {@link PacketDecoder}.
 */
final class UdpDecoder {
    static final int HEADER_LEN = 8;
    private final PacketDecoder d;

    UdpDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.udp++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.UDP_HLEN_TOO_SMALL);
            return;
        }
        int ulen = Bytes.u16(b, off + 4);
        if (len < ulen) {
            p.invalidEvent(DecodeEvent.UDP_PKT_TOO_SMALL);
            return;
        }
        if (ulen < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.UDP_LEN_INVALID);
            return;
        }
        p.l4Offset = off;
        p.l4Length = ulen;
        p.srcPort = Bytes.u16(b, off);
        p.dstPort = Bytes.u16(b, off + 2);
        p.payloadOffset = off + HEADER_LEN;
        p.payloadLength = ulen - HEADER_LEN;
        if (d.validateChecksums()) {
            // over IPv4 a zero checksum means "none"; over IPv6 it is mandatory
            int field = Bytes.u16(b, off + 6);
            if (p.ipVersion == 6 || field != 0) {
                p.l4ChecksumBad = !L4Checksum.valid(p, b, 17, off, ulen);
            }
        }
        // Suricata hands the tunnel decoders what the IP layer left after the UDP header
        d.decodeUdpPayload(p, b, off + HEADER_LEN, len - HEADER_LEN);
    }
}
