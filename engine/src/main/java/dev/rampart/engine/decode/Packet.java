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
    /** IPv4 options present and valid, Suricata's opts_set: the {@code IPV4_OPT_*} bits below. */
    public int ipv4Options;
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
    /**
     * The packet of the tunnel layer around this one (the layer this packet was decoded from), or
     * null. Suricata runs each layer through flow handling and detection as a packet of its own
     * (the inner ones first); with the in-place tunnel model the outer headers are overwritten, so
     * the decoder keeps a copy of them here (a decoder-owned, reused instance whose own
     * {@code outer} links a further enclosing layer). Valid until the next frame is decoded.
     */
    public Packet outer;
    /**
     * Suricata's PKT_NOPAYLOAD_INSPECTION: set on a kept outer layer, whose payload is the inner
     * packet; detection then checks its headers only.
     */
    public boolean noPayloadInspection;

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
    /** The MSS option was present (and well formed): {@link #tcpMss} is its value. */
    public boolean tcpHasMss;
    /** Window scale option shift, or -1 when absent. */
    public int tcpWscale;
    public boolean tcpSackPermitted;
    /** A TCP Fast Open option was present (a cookie or a cookie request). */
    public boolean tcpHasTfo;
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
    /**
     * Index of the first event raised by this packet's own (innermost) layer: the events before it
     * were raised by the enclosing tunnel layers and belong to those (kept here for the counters).
     */
    public int firstOwnEvent;
    /** True when decoding stopped early (the packet is counted as {@code decoder.invalid}). */
    public boolean invalid;

    // ---- set by the flow stage
    /** Opaque reference to the flow this packet belongs to (engine.flow sets it), or null. */
    public Object flowRef;
    /** True when the packet goes client to server within its flow. */
    public boolean toServer;
    /** Set by the TCP tracker: the payload went into the stream's reassembly (Suricata's PKT_STREAM_ADD). */
    public boolean streamAdd;
    /**
     * Set by the TCP tracker: the session's state before this packet ({@code TcpState}, NONE without
     * a session). Suricata decides a packet's "established" before the stream engine handles it, so
     * the ACK completing the handshake is not established yet.
     */
    public int tcpStateBefore;

    /** {@link #ipv4Options} bits, one per option kind (Suricata's IPV4_OPT_FLAG_*). */
    public static final int IPV4_OPT_RR = 1;
    public static final int IPV4_OPT_QS = 2;
    public static final int IPV4_OPT_TS = 4;
    public static final int IPV4_OPT_SEC = 8;
    public static final int IPV4_OPT_LSRR = 16;
    public static final int IPV4_OPT_CIPSO = 32;
    public static final int IPV4_OPT_SID = 64;
    public static final int IPV4_OPT_SSRR = 128;
    public static final int IPV4_OPT_RTRALT = 256;
    public static final int IPV4_OPT_EOL = 512;
    public static final int IPV4_OPT_NOP = 1024;

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
        ttl = ipId = tos = ipFlags = fragmentOffset = ipv4Options = 0;
        fragment = false;
        ipProto = 0;
        tunnelDepth = 0;
        ipv6FragHeaderOffset = ipv6FragNextHeaderFieldOffset = 0;
        reassembled = false;
        outer = null;
        noPayloadInspection = false;
        l4Offset = l4Length = srcPort = dstPort = 0;
        tcpSeq = tcpAck = 0;
        tcpFlags = tcpWindow = tcpHeaderLength = tcpMss = 0;
        tcpHasMss = false;
        tcpWscale = -1;
        tcpSackPermitted = tcpHasTimestamp = tcpHasTfo = false;
        tcpSackOffset = tcpSackBlocks = 0;
        tcpTsVal = tcpTsEcr = 0;
        icmpType = icmpCode = icmpId = icmpSeq = 0;
        payloadOffset = payloadLength = 0;
        ipChecksumBad = l4ChecksumBad = false;
        eventCount = 0;
        firstOwnEvent = 0;
        invalid = false;
        streamAdd = false;
        tcpStateBefore = 0;
        flowRef = null;
        toServer = false;
    }

    /**
     * Copies the frame, layer 2-4, payload and validation fields of {@code o} (events up to its
     * count, not the flow-stage fields nor {@link #noPayloadInspection}). Used to keep and restore the outer headers of a UDP
     * tunnel; allocation free.
     */
    public void copyHeadersFrom(Packet o) {
        buffer = o.buffer;
        frameOffset = o.frameOffset;
        frameLength = o.frameLength;
        originalLength = o.originalLength;
        linkType = o.linkType;
        timestampNanos = o.timestampNanos;
        index = o.index;
        vlanCount = o.vlanCount;
        System.arraycopy(o.vlanIds, 0, vlanIds, 0, MAX_VLAN_LAYERS);
        ipVersion = o.ipVersion;
        l3Offset = o.l3Offset;
        l3HeaderLength = o.l3HeaderLength;
        l3Length = o.l3Length;
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        ttl = o.ttl;
        ipId = o.ipId;
        tos = o.tos;
        ipFlags = o.ipFlags;
        fragmentOffset = o.fragmentOffset;
        fragment = o.fragment;
        ipv4Options = o.ipv4Options;
        ipProto = o.ipProto;
        tunnelDepth = o.tunnelDepth;
        ipv6FragHeaderOffset = o.ipv6FragHeaderOffset;
        ipv6FragNextHeaderFieldOffset = o.ipv6FragNextHeaderFieldOffset;
        reassembled = o.reassembled;
        l4Offset = o.l4Offset;
        l4Length = o.l4Length;
        srcPort = o.srcPort;
        dstPort = o.dstPort;
        tcpSeq = o.tcpSeq;
        tcpAck = o.tcpAck;
        tcpFlags = o.tcpFlags;
        tcpWindow = o.tcpWindow;
        tcpHeaderLength = o.tcpHeaderLength;
        tcpMss = o.tcpMss;
        tcpHasMss = o.tcpHasMss;
        tcpWscale = o.tcpWscale;
        tcpSackPermitted = o.tcpSackPermitted;
        tcpHasTfo = o.tcpHasTfo;
        tcpSackOffset = o.tcpSackOffset;
        tcpSackBlocks = o.tcpSackBlocks;
        tcpHasTimestamp = o.tcpHasTimestamp;
        tcpTsVal = o.tcpTsVal;
        tcpTsEcr = o.tcpTsEcr;
        icmpType = o.icmpType;
        icmpCode = o.icmpCode;
        icmpId = o.icmpId;
        icmpSeq = o.icmpSeq;
        payloadOffset = o.payloadOffset;
        payloadLength = o.payloadLength;
        ipChecksumBad = o.ipChecksumBad;
        l4ChecksumBad = o.l4ChecksumBad;
        System.arraycopy(o.events, 0, events, 0, o.eventCount);
        eventCount = o.eventCount;
        firstOwnEvent = o.firstOwnEvent;
        invalid = o.invalid;
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

    /** True when {@code e} was raised while decoding this packet (any layer). */
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
