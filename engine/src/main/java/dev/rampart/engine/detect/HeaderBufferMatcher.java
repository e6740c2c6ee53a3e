package dev.rampart.engine.detect;

import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.payload.PayloadProgram;

/**
 * The header sticky buffers ({@code ipv4.hdr}, {@code ipv6.hdr}, {@code tcp.hdr},
 * {@code udp.hdr}, {@code icmpv4.hdr}, {@code icmpv6.hdr}): each is the raw header of its layer
 * (IPv6 with its extension headers unless it is a fragment awaiting reassembly, TCP with its
 * options), copied into the worker's
 * {@link DetectContext#header} array and inspected by the rule's payload program for that
 * buffer. A packet without the layer, or a flow-end pseudo packet, does not match. The programs of
 * one rule run in rule order and share byte_extract / byte_math variables, as in Suricata.
 */
final class HeaderBufferMatcher implements PacketMatcher {
    static final int IPV4 = 0;
    static final int IPV6 = 1;
    static final int TCP = 2;
    static final int UDP = 3;
    static final int ICMPV4 = 4;
    static final int ICMPV6 = 5;

    private final int[] buffers;
    private final PayloadProgram[] programs;

    HeaderBufferMatcher(int[] buffers, PayloadProgram[] programs) {
        this.buffers = buffers;
        this.programs = programs;
    }

    /** The buffer id of a sticky buffer name, or -1 when it is not a header buffer. */
    static int bufferId(String name) {
        return switch (name) {
            case "ipv4.hdr" -> IPV4;
            case "ipv6.hdr" -> IPV6;
            case "tcp.hdr" -> TCP;
            case "udp.hdr" -> UDP;
            case "icmpv4.hdr" -> ICMPV4;
            case "icmpv6.hdr" -> ICMPV6;
            default -> -1;
        };
    }

    @Override
    public boolean matches(DetectContext ctx) {
        if (ctx.pseudo) {
            return false;
        }
        for (int i = 0; i < buffers.length; i++) {
            int len = load(ctx, buffers[i]);
            if (len < 0 || !programs[i].match(ctx.header, 0, len, ctx.inspect)) {
                return false;
            }
        }
        return true;
    }

    /** Copies the header into ctx.header; returns its length, or -1 when the packet has no such header. */
    private static int load(DetectContext ctx, int buffer) {
        Packet p = ctx.packet;
        int off;
        int len;
        switch (buffer) {
            case IPV4, IPV6 -> {
                if (p.ipVersion != (buffer == IPV4 ? 4 : 6)) {
                    return -1;
                }
                off = p.l3Offset;
                len = p.l3HeaderLength;
                if (buffer == IPV6 && p.fragment && !p.reassembled) {
                    // Suricata stops at a fragment header that needs reassembly without counting the
                    // extension headers: its ipv6.hdr is then the fixed 40 bytes (oracle, 7.0.10)
                    len = 40;
                }
            }
            case TCP -> {
                if (!p.isTcp()) {
                    return -1;
                }
                off = p.l4Offset;
                len = p.tcpHeaderLength;
            }
            case UDP -> {
                if (!p.isUdp()) {
                    return -1;
                }
                off = p.l4Offset;
                len = 8;
            }
            default -> {
                if (p.l4Offset <= 0 || p.ipProto != (buffer == ICMPV4 ? 1 : 58)) {
                    return -1;
                }
                off = p.l4Offset;
                // the decoder puts the payload after the fixed ICMP header
                len = p.payloadOffset > off ? p.payloadOffset - off : Math.min(8, p.l4Length);
            }
        }
        if (len <= 0 || off + len > p.buffer.limit()) {
            return -1;
        }
        if (ctx.header.length < len) {
            ctx.header = new byte[Math.max(len, ctx.header.length * 2)];
        }
        p.buffer.get(off, ctx.header, 0, len);
        return len;
    }
}
