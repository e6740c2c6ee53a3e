package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * TCP header and options (RFC 9293, 7323, 2018, 7413), Suricata's DecodeTCP. A bad option length
 * inside the header is an event ({@code tcp.opt_invalid_len}), a duplicate known option too.
 */
final class TcpDecoder {
    static final int HEADER_LEN = 20;
    static final int MAX_OPT_LEN = 40;

    static final int OPT_EOL = 0;
    static final int OPT_NOP = 1;
    static final int OPT_MSS = 2;
    static final int OPT_WS = 3;
    static final int OPT_SACKOK = 4;
    static final int OPT_SACK = 5;
    static final int OPT_TS = 8;
    static final int OPT_MD5 = 19;
    static final int OPT_AO = 29;
    static final int OPT_TFO = 34;

    private final PacketDecoder d;
    /** Header and options of the packet being decoded, copied out of the frame in one read. */
    private final byte[] h = new byte[HEADER_LEN + MAX_OPT_LEN];

    TcpDecoder(PacketDecoder d) {
        this.d = d;
    }

    void decode(Packet p, ByteBuffer b, int off, int len) {
        d.counters.tcp++;
        if (len < HEADER_LEN) {
            p.invalidEvent(DecodeEvent.TCP_PKT_TOO_SMALL);
            return;
        }
        final byte[] h = this.h;
        b.get(off, h, 0, Math.min(len, h.length));
        int hlen = (Bytes.u8(h, 12) >>> 4) << 2;
        if (len < hlen) {
            p.invalidEvent(DecodeEvent.TCP_HLEN_TOO_SMALL);
            return;
        }
        int optLen = hlen - HEADER_LEN;
        // a data offset below 5 words wraps in Suricata's 8-bit arithmetic and lands here too
        if (optLen < 0 || optLen > MAX_OPT_LEN) {
            p.invalidEvent(DecodeEvent.TCP_INVALID_OPTLEN);
            return;
        }
        p.l4Offset = off;
        p.l4Length = len;
        p.srcPort = Bytes.u16(h, 0);
        p.dstPort = Bytes.u16(h, 2);
        p.tcpSeq = Bytes.u32(h, 4);
        p.tcpAck = Bytes.u32(h, 8);
        p.tcpFlags = Bytes.u8(h, 13);
        p.tcpWindow = Bytes.u16(h, 14);
        p.tcpHeaderLength = hlen;
        p.payloadOffset = off + hlen;
        p.payloadLength = len - hlen;
        if (optLen > 0) {
            options(p, h, off, HEADER_LEN, optLen);
        }
        if (d.validateChecksums()) {
            p.l4ChecksumBad = !L4Checksum.valid(p, b, 6, off, len);
        }
    }

    private static void options(Packet p, byte[] b, int base, int off, int len) {
        int seen = 0;
        int i = off;
        int plen = len;
        while (plen > 0) {
            int type = Bytes.u8(b, i);
            if (type == OPT_EOL) {
                break;
            }
            if (type == OPT_NOP) {
                i++;
                plen--;
                continue;
            }
            if (plen < 2) {
                break;
            }
            int olen = Bytes.u8(b, i + 1);
            if (olen > plen || olen < 2) {
                p.invalidEvent(DecodeEvent.TCP_OPT_INVALID_LEN);
                return;
            }
            int bit = 0;
            boolean lenOk = true;
            switch (type) {
                case OPT_WS -> {
                    bit = 1;
                    lenOk = olen == 3;
                }
                case OPT_MSS -> {
                    bit = 2;
                    lenOk = olen == 4;
                }
                case OPT_SACKOK -> {
                    bit = 4;
                    lenOk = olen == 2;
                }
                case OPT_TS -> {
                    bit = 8;
                    lenOk = olen == 10;
                }
                case OPT_SACK -> {
                    bit = 16;
                    lenOk = olen == 2 || (olen >= 10 && olen <= 34 && (olen - 2) % 8 == 0);
                }
                case OPT_TFO -> {
                    bit = 32;
                    lenOk = olen == 2 || (olen >= 6 && olen <= 18 && ((olen - 2) & 1) == 0);
                }
                case OPT_MD5 -> {
                    bit = 64;
                    lenOk = olen == 18;
                }
                case OPT_AO -> {
                    bit = 128;
                    lenOk = olen >= 4;
                }
                default -> {
                    // other options are skipped by their length
                }
            }
            if (bit != 0) {
                if (!lenOk) {
                    // Suricata 7 (checked with the oracle): a bad MD5 or AO length makes the packet
                    // invalid, a bad length of the other known options is only an event
                    if (type == OPT_MD5 || type == OPT_AO) {
                        p.invalidEvent(DecodeEvent.TCP_OPT_INVALID_LEN);
                    } else {
                        p.event(DecodeEvent.TCP_OPT_INVALID_LEN);
                    }
                } else if ((seen & bit) != 0) {
                    p.event(DecodeEvent.TCP_OPT_DUPLICATE);
                } else {
                    seen |= bit;
                    apply(p, b, base, type, i, olen);
                }
            }
            i += olen;
            plen -= olen;
        }
    }

    private static void apply(Packet p, byte[] b, int base, int type, int i, int olen) {
        switch (type) {
            case OPT_WS -> p.tcpWscale = Bytes.u8(b, i + 2);
            case OPT_MSS -> {
                p.tcpMss = Bytes.u16(b, i + 2);
                p.tcpHasMss = true;
            }
            case OPT_SACKOK -> p.tcpSackPermitted = true;
            case OPT_TS -> {
                p.tcpHasTimestamp = true;
                p.tcpTsVal = Bytes.u32(b, i + 2);
                p.tcpTsEcr = Bytes.u32(b, i + 6);
            }
            case OPT_SACK -> {
                if (olen > 2) {
                    p.tcpSackOffset = base + i + 2;
                    p.tcpSackBlocks = (olen - 2) >>> 3;
                }
            }
            case OPT_TFO -> p.tcpHasTfo = true;
            default -> {
                // MD5, AO: validated only
            }
        }
    }
}
