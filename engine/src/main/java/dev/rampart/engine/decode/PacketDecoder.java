package dev.rampart.engine.decode;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import dev.rampart.engine.defrag.Defragmenter;

import java.nio.ByteBuffer;

/**
 * Decodes one frame into a reused {@link Packet}: link layer, VLAN tags, IPv4/IPv6 (options,
 * extension headers), tunnels, TCP/UDP/ICMP. One instance per worker thread; allocation free.
 *
 * <p>Tunnels (GRE, IP-in-IP, IPv6-in-IPv4, IPv4-in-IPv6, ERSPAN, VXLAN, Geneve, Teredo): Suricata
 * spawns a pseudo packet for the inner datagram and keeps the outer one as a packet of its own.
 * Rampart decodes the inner packet in place: the {@link Packet} ends up describing the innermost
 * IP/L4 headers and {@link Packet#tunnelDepth} says how many tunnel layers were removed. Before
 * each layer is entered, a copy of its headers goes to {@link Packet#outer} (from a small reused
 * pool, no allocation; the copy's own {@code outer} links the layer around it), because Suricata
 * runs every layer through the flow and detection stages: the flow stage gives a layer a flow
 * only where Suricata's decoders set it up for one (UDP tunnels, protocol 41 over IPv4; not GRE,
 * IPv4-in-IPv6 or IPv6-in-IPv6 outer packets), and detection inspects a layer's headers but not
 * its payload (Suricata disables payload inspection on a tunnel's parent: the payload is the
 * inner packet, inspected on its own). The per-layer counters count every layer (as Suricata's
 * do); decoder events stay in the packet's event array for the counters, and
 * {@link Packet#firstOwnEvent} marks where the innermost layer's own events start. An inner
 * decoding error makes the whole packet invalid (Suricata would drop only the pseudo packet).
 *
 * <p>Also decoded in place, not as tunnels, as in Suricata: PPPoE and PPP, MPLS, NSH.
 *
 * <p>Fragments go to the {@link Defragmenter} when one is configured. When a fragment completes a
 * datagram, {@link #decode} returns true and {@link #decodeReassembled} decodes the rebuilt
 * datagram (it lives in the defragmenter's per-worker buffer) into a second packet.
 */
public final class PacketDecoder {
    /** Suricata's decoder.max-layers default. */
    public static final int DEFAULT_MAX_LAYERS = 16;

    final DecodeCounters counters;
    final ChecksumMode checksums;
    final Defragmenter defrag;
    final int maxLayers;

    final EthernetDecoder ethernet = new EthernetDecoder(this);
    final VlanDecoder vlan = new VlanDecoder(this);
    final SllDecoder sll = new SllDecoder(this);
    final Sll2Decoder sll2 = new Sll2Decoder(this);
    final NullLoopDecoder nullLoop = new NullLoopDecoder(this);
    final Ipv4Decoder ipv4 = new Ipv4Decoder(this);
    final Ipv6Decoder ipv6 = new Ipv6Decoder(this);
    final TcpDecoder tcp = new TcpDecoder(this);
    final UdpDecoder udp = new UdpDecoder(this);
    final Icmpv4Decoder icmpv4 = new Icmpv4Decoder(this);
    final Icmpv6Decoder icmpv6 = new Icmpv6Decoder(this);
    final GreDecoder gre = new GreDecoder(this);
    final ErspanDecoder erspan = new ErspanDecoder(this);
    final PppDecoder ppp = new PppDecoder(this);
    final PppoeDecoder pppoe = new PppoeDecoder(this);
    final MplsDecoder mpls = new MplsDecoder(this);
    final NshDecoder nsh = new NshDecoder(this);
    final VxlanDecoder vxlan = new VxlanDecoder(this);
    final GeneveDecoder geneve = new GeneveDecoder(this);
    final TeredoDecoder teredo = new TeredoDecoder(this);

    /**
     * Outer layers kept per packet; past this many nested tunnels the outer packets of deeper
     * ones are not kept (no flow, not inspected; a rejected Teredo guess past it stays a tunnel).
     * Layers are bounded by max-layers anyway.
     */
    static final int MAX_KEPT_OUTER = DEFAULT_MAX_LAYERS;
    private final Packet[] outerPool = new Packet[MAX_KEPT_OUTER];
    private int outerUsed;

    // UDP ports of the UDP tunnel decoders (Suricata's suricata.yaml decoder: section, at most 4
    // each); an empty array disables the decoder. Teredo with null: every UDP port.
    int[] vxlanPorts = {4789};
    int[] genevePorts = {6081};
    int[] teredoPorts = {3544};

    /**
     * Decode IPv4-in-IPv4 (protocol 4) as a tunnel. Off by default: Suricata 7.0 leaves such
     * packets as plain IPv4 (checked with the oracle), so enabling it changes counters and alerts.
     */
    boolean ipv4InIpv4;

    /** Layers decoded so far for the current packet (Suricata's nb_decoded_layers). */
    private int layers;
    /** Capture time of the current packet (defrag timeouts). */
    long nowNanos;
    /** True while a reassembled datagram is decoded: nested fragments are not reassembled again. */
    private boolean inReassembled;
    private boolean reassembledReady;
    // metadata of the fragment that completed a datagram, copied to the reassembled packet
    private long readyTimestamp;
    private long readyIndex;
    private int readyVlanCount;
    private final int[] readyVlanIds = new int[Packet.MAX_VLAN_LAYERS];
    private int readyTunnelDepth;

    public PacketDecoder(DecodeCounters counters, ChecksumMode checksums, Defragmenter defrag) {
        this(counters, checksums, defrag, DEFAULT_MAX_LAYERS);
    }

    public PacketDecoder(DecodeCounters counters, ChecksumMode checksums, Defragmenter defrag, int maxLayers) {
        this.counters = counters;
        this.checksums = checksums;
        this.defrag = defrag;
        this.maxLayers = maxLayers;
        for (int i = 0; i < MAX_KEPT_OUTER; i++) {
            outerPool[i] = new Packet();
        }
    }

    /**
     * UDP ports that mark VXLAN, Geneve and Teredo payloads (Suricata's {@code decoder.*.ports}).
     * An empty array disables that decoder; a null Teredo array means every port (Suricata's
     * {@code ports: any}).
     */
    public PacketDecoder udpTunnelPorts(int[] vxlan, int[] geneve, int[] teredo) {
        this.vxlanPorts = vxlan.clone();
        this.genevePorts = geneve.clone();
        this.teredoPorts = teredo == null ? null : teredo.clone();
        return this;
    }

    /** See {@link #ipv4InIpv4}. */
    public PacketDecoder decodeIpv4InIpv4(boolean enable) {
        this.ipv4InIpv4 = enable;
        return this;
    }

    public DecodeCounters counters() {
        return counters;
    }

    /**
     * Decodes {@code frame} into {@code p} (reset first). Returns true when the frame completed a
     * fragmented datagram: call {@link #decodeReassembled} before the next frame.
     */
    public boolean decode(Frame frame, Packet p) {
        p.reset();
        p.buffer = frame.buffer;
        p.frameOffset = frame.offset;
        p.frameLength = frame.captureLength;
        p.originalLength = frame.originalLength;
        p.linkType = frame.linkType;
        p.timestampNanos = frame.timestampNanos;
        p.index = frame.index;
        counters.frame(frame.captureLength);
        layers = 0;
        outerUsed = 0;
        reassembledReady = false;
        nowNanos = frame.timestampNanos;
        decodeLink(p, frame.buffer, frame.linkType, frame.offset, frame.captureLength);
        counters.finish(p, true);
        return reassembledReady;
    }

    /** True when the last {@link #decode} completed a datagram not yet decoded. */
    public boolean hasReassembled() {
        return reassembledReady;
    }

    /**
     * Decodes the datagram completed by the last frame into {@code out}: its buffer is the
     * defragmenter's, the IP header starts at offset 0. Counts layers and events as Suricata does
     * for its reassembled pseudo packet (no {@code decoder.pkts}, no {@code decoder.invalid}).
     */
    public void decodeReassembled(Packet out) {
        if (!reassembledReady) {
            throw new IllegalStateException("no reassembled datagram pending");
        }
        reassembledReady = false;
        out.reset();
        ByteBuffer b = defrag.output();
        int len = defrag.outputLength();
        out.buffer = b;
        out.frameOffset = 0;
        out.frameLength = len;
        out.originalLength = len;
        out.linkType = LinkType.RAW; // the buffer starts with the IP header
        out.timestampNanos = readyTimestamp;
        out.index = readyIndex;
        out.vlanCount = readyVlanCount;
        System.arraycopy(readyVlanIds, 0, out.vlanIds, 0, readyVlanCount);
        out.tunnelDepth = readyTunnelDepth;
        out.reassembled = true;
        layers = 0;
        outerUsed = 0;
        inReassembled = true;
        try {
            if (defrag.outputVersion() == 4) {
                ipv4.decode(out, b, 0, len);
            } else {
                ipv6.decode(out, b, 0, len);
            }
        } finally {
            inReassembled = false;
        }
        counters.finish(out, false);
    }

    private void decodeLink(Packet p, ByteBuffer b, int linkType, int off, int len) {
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet.decode(p, b, off, len);
            case LinkType.LINUX_SLL -> sll.decode(p, b, off, len);
            case LinkType.LINUX_SLL2 -> sll2.decode(p, b, off, len);
            case LinkType.NULL -> nullLoop.decode(p, b, off, len, false);
            case LinkType.LOOP -> nullLoop.decode(p, b, off, len, true);
            case LinkType.PPP -> ppp.decode(p, b, off, len);
            // Suricata counts LINKTYPE_IPV4/IPV6 frames as decoder.raw too (checked with the oracle)
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14, LinkType.IPV4, LinkType.IPV6 ->
                    decodeRaw(p, b, off, len);
            default -> p.invalid = true;
        }
    }

    private void decodeRaw(Packet p, ByteBuffer b, int off, int len) {
        counters.raw++;
        if (len < Ipv4Decoder.HEADER_LEN) {
            p.invalidEvent(DecodeEvent.IPV4_PKT_TOO_SMALL);
            return;
        }
        int version = Bytes.u8(b, off) >>> 4;
        if (version == 4) {
            ipv4.decode(p, b, off, len);
        } else if (version == 6) {
            ipv6.decode(p, b, off, len);
        } else {
            p.event(DecodeEvent.IPRAW_INVALID_IP_VERSION);
        }
    }

    /**
     * Decodes the payload of an EtherType (Suricata's DecodeNetworkLayer). Returns false for an
     * unknown type (counted as {@code decoder.unknown_ethertype}).
     */
    boolean decodeEtherType(Packet p, ByteBuffer b, int etherType, int off, int len) {
        switch (etherType) {
            case 0x0800 -> ipv4.decode(p, b, off, len);
            case 0x86DD -> ipv6.decode(p, b, off, len);
            case 0x8100, 0x88A8, 0x9100 -> {
                if (p.vlanCount >= Packet.MAX_VLAN_LAYERS) {
                    p.event(DecodeEvent.VLAN_TOO_MANY_LAYERS);
                } else {
                    vlan.decode(p, b, off, len);
                }
            }
            case 0x0806 -> counters.arp++;
            case 0x8863 -> pppoe.decodeDiscovery(p, b, off, len);
            case 0x8864 -> pppoe.decodeSession(p, b, off, len);
            case 0x8847, 0x8848 -> mpls.decode(p, b, off, len);
            case 0x894F -> nsh.decode(p, b, off, len);
            default -> {
                counters.unknownEthertype++;
                return false;
            }
        }
        return true;
    }

    /** Suricata's PacketIncreaseCheckLayers: false (and an invalid event) past max-layers. */
    boolean enterLayer(Packet p) {
        if (++layers >= maxLayers) {
            p.invalidEvent(DecodeEvent.TOO_MANY_LAYERS);
            return false;
        }
        return true;
    }

    int layers() {
        return layers;
    }

    void layers(int n) {
        layers = n;
    }

    static boolean portIn(int[] ports, int sp, int dp) {
        for (int port : ports) {
            if (port == sp || port == dp) {
                return true;
            }
        }
        return false;
    }

    /**
     * UDP payload dispatch, in Suricata's order: Teredo, Geneve, VXLAN (each only on its ports and
     * only when its checks pass); otherwise the packet stays plain UDP.
     */
    void decodeUdpPayload(Packet p, ByteBuffer b, int off, int len) {
        int sp = p.srcPort;
        int dp = p.dstPort;
        if ((teredoPorts == null || portIn(teredoPorts, sp, dp)) && teredo.decode(p, b, off, len)) {
            return;
        }
        if (portIn(genevePorts, sp, dp) && geneve.decode(p, b, off, len)) {
            return;
        }
        if (portIn(vxlanPorts, sp, dp)) {
            vxlan.decode(p, b, off, len);
        }
    }

    /**
     * Entering a tunnel: the outer layer is kept as a packet of its own ({@link Packet#outer}),
     * then the inner headers overwrite the outer ones in the packet. Returns the kept copy, or
     * null when {@link #MAX_KEPT_OUTER} are already kept.
     */
    Packet enterTunnel(Packet p) {
        Packet o = keepOuter(p);
        enterInner(p);
        return o;
    }

    private Packet keepOuter(Packet p) {
        if (outerUsed == MAX_KEPT_OUTER) {
            return null;
        }
        Packet o = outerPool[outerUsed++];
        o.copyHeadersFrom(p);
        o.outer = p.outer;
        // Suricata's DecodeSetNoPayloadInspectionFlag on a tunnel's parent
        o.noPayloadInspection = true;
        p.outer = o;
        return o;
    }

    /** Undoes {@link #enterTunnel}: the packet is the outer UDP one again (events of the inner dropped). */
    void leaveTunnel(Packet p, Packet o) {
        Packet before = o.outer;
        p.copyHeadersFrom(o);
        p.outer = before;
        outerUsed--;
    }

    /**
     * A recognised UDP tunnel with a payload type it cannot decode: Suricata marks the outer packet
     * invalid, but its UDP header was decoded so it keeps its flow (the packet is still the outer
     * UDP one; the flow stage does not skip invalid packets).
     */
    void unknownUdpTunnelPayload(Packet p, DecodeEvent e) {
        p.invalidEvent(e);
    }

    private static void enterInner(Packet p) {
        p.tunnelDepth++;
        // the outer layer lives on in its copy; an inner frame without IP (ERSPAN or GRE
        // bridging carrying ARP, STP ...) must not look like the outer IP packet
        p.ipVersion = 0;
        p.ipProto = 0;
        p.srcPort = p.dstPort = 0;
        p.payloadOffset = p.payloadLength = 0;
        p.l4Offset = p.l4Length = 0;
        p.ipChecksumBad = false;
        p.firstOwnEvent = p.eventCount;
    }

    boolean validateChecksums() {
        return checksums == ChecksumMode.ALL;
    }

    /** Fragment handling shared by IPv4 and IPv6: hand it to the defragmenter if there is one. */
    boolean defragEnabled() {
        return defrag != null && !inReassembled;
    }

    void fragmentCompleted(Packet p) {
        reassembledReady = true;
        readyTimestamp = p.timestampNanos;
        readyIndex = p.index;
        readyVlanCount = p.vlanCount;
        System.arraycopy(p.vlanIds, 0, readyVlanIds, 0, p.vlanCount);
        readyTunnelDepth = p.tunnelDepth;
    }
}
