package dev.rampart.engine.decode;

import java.nio.ByteBuffer;

/**
 * A decoded packet: mutable, preallocated per worker and refilled for every frame (no allocation
 * per packet). Offsets index {@link #buffer}; addresses are 128-bit values with IPv4 in the low 32
 * bits of {@code *Lo} (as {@code dev.rampart.rules.header.IpAddress} does). Fields are public for
 * the hot path; only the decoder writes the L2-L4 fields, the flow stage writes {@link #flowRef}
 * and {@link #toServer}.
 */
public final class Packet {
    /** As Suricata 7 (PACKET_ENGINE_EVENT_MAX): further events of a packet are not recorded. */
    public static final int MAX_EVENTS = 15;
    /** As Suricata 7's VLAN_MAX_LAYERS. */
    public static final int MAX_VLAN_LAYERS = 3;

    // ---- frame
    public ByteBuffer buffer;
    public int frameOffset;
    public int frameLength;
    public int originalLength;
    public int linkType;
    public long timestampNanos;
    /** 1-based frame index in the capture (EVE {@code pcap_cnt}). */
    public long index;

    // ---- layer 2
    /** VLAN layers seen (Suricata decodes up to {@link #MAX_VLAN_LAYERS}: 802.1Q, QinQ, QinQinQ). */
    public int vlanCount;
    public final int[] vlanIds = new int[MAX_VLAN_LAYERS];

    // ---- layer 3 (innermost IP header after tunnels)
    /** 0 when the packet has no IP layer, else 4 or 6. */
    public int ipVersion;
    public int l3Offset;
    /** IP header length (IPv6: 40 + extension headers). */
    public int l3HeaderLength;
    /** IP total length as the header says, clipped to what was captured. */
    public int l3Length;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int ttl;
    public int ipId;
    public int tos;
    /** IPv4 flags (3 bits) or IPv6 fragment M flag in bit 0. */
    public int ipFlags;
    /** Fragment offset in bytes. */
    public int fragmentOffset;
    public boolean fragment;
    /** Layer 4 protocol number (after IPv6 extension headers). */
    public int ipProto;
    /** Number of tunnel layers removed (GRE, IP-in-IP, ...). */
    public int tunnelDepth;
    /** IPv6: absolute offset of the fragment extension header, or 0 when there is none. */
    public int ipv6FragHeaderOffset;
    /** IPv6: absolute offset of the next-header byte that names the fragment header. */
    public int ipv6FragNextHeaderFieldOffset;
    /** True when this packet is a datagram rebuilt by defragmentation (buffer is the worker's). */
    public boolean reassembled;

    // ---- layer 4
    public int l4Offset;
    public int l4Length;
    public int srcPort;
    public int dstPort;
    /** TCP sequence and acknowledgement numbers as unsigned 32-bit values. */
    public long tcpSeq;
    public long tcpAck;
    public int tcpFlags;
    public int tcpWindow;
    public int tcpHeaderLength;
    public int tcpMss;
    /** Window scale option shift, or -1 when absent. */
    public int tcpWscale;
    public boolean tcpSackPermitted;
    /** Absolute offset of the first SACK block (8 bytes each: left, right edge), 0 when absent. */
    public int tcpSackOffset;
    /** Number of SACK blocks (0..4). */
    public int tcpSackBlocks;
    public boolean tcpHasTimestamp;
    public long tcpTsVal;
    public long tcpTsEcr;
    public int icmpType;
    public int icmpCode;
    public int icmpId;
    public int icmpSeq;

    // ---- payload (after the L4 header; for non-TCP/UDP/ICMP: after the IP header)
    public int payloadOffset;
    public int payloadLength;

    // ---- validation
    public boolean ipChecksumBad;
    public boolean l4ChecksumBad;
    /** Decoder events raised for this packet, as {@link DecodeEvent} ordinals. */
    public final short[] events = new short[MAX_EVENTS];
    public int eventCount;
    /** True when decoding stopped early (the packet is counted as {@code decoder.invalid}). */
    public boolean invalid;

    // ---- set by the flow stage
    /** Opaque reference to the flow this packet belongs to (engine.flow sets it), or null. */
    public Object flowRef;
    /** True when the packet goes client to server within its flow. */
    public boolean toServer;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;
    public static final int TCP_URG = 0x20;
    public static final int TCP_ECE = 0x40;
    public static final int TCP_CWR = 0x80;

    /** Resets every decoded field before a new frame is decoded into this instance. */
    public void reset() {
        vlanCount = 0;
        ipVersion = 0;
        l3Offset = l3HeaderLength = l3Length = 0;
        srcHi = srcLo = dstHi = dstLo = 0;
        ttl = ipId = tos = ipFlags = fragmentOffset = 0;
        fragment = false;
        ipProto = 0;
        tunnelDepth = 0;
        ipv6FragHeaderOffset = ipv6FragNextHeaderFieldOffset = 0;
        reassembled = false;
        l4Offset = l4Length = srcPort = dstPort = 0;
        tcpSeq = tcpAck = 0;
        tcpFlags = tcpWindow = tcpHeaderLength = tcpMss = 0;
        tcpWscale = -1;
        tcpSackPermitted = tcpHasTimestamp = false;
        tcpSackOffset = tcpSackBlocks = 0;
        tcpTsVal = tcpTsEcr = 0;
        icmpType = icmpCode = icmpId = icmpSeq = 0;
        payloadOffset = payloadLength = 0;
        ipChecksumBad = l4ChecksumBad = false;
        eventCount = 0;
        invalid = false;
        flowRef = null;
        toServer = false;
    }

    /** Records a decoder event (the first {@link #MAX_EVENTS} are kept, as Suricata does). */
    public void event(DecodeEvent e) {
        if (eventCount < MAX_EVENTS) {
            events[eventCount++] = (short) e.ordinal();
        }
    }

    /** Records an event that makes the packet invalid (Suricata's ENGINE_SET_INVALID_EVENT). */
    public void invalidEvent(DecodeEvent e) {
        invalid = true;
        event(e);
    }

    public boolean hasEvent(DecodeEvent e) {
        for (int i = 0; i < eventCount; i++) {
            if (events[i] == e.ordinal()) {
                return true;
            }
        }
        return false;
    }

    public boolean isTcp() {
        return ipProto == 6 && l4Offset > 0;
    }

    public boolean isUdp() {
        return ipProto == 17 && l4Offset > 0;
    }

    public byte byteAt(int absoluteOffset) {
        return buffer.get(absoluteOffset);
    }
}
