package dev.rampart.engine.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoder counters of one worker, named as Suricata 7's {@code decoder.*} stats. Plain longs
 * written by the owning thread only; {@link #writeTo} renders them nested the way Suricata's EVE
 * {@code stats} record does ({@code decoder → pkts}, {@code decoder → event → ipv4 → trunc_pkt}).
 * Counters of layers Rampart does not decode (CHDLC, VNTag, 802.1ah) are not listed.
 */
public final class DecodeCounters {
    public long pkts;
    public long bytes;
    public long invalid;
    public long ipv4;
    public long ipv6;
    public long ethernet;
    public long arp;
    public long unknownEthertype;
    public long raw;
    public long nullLink;
    public long sll;
    public long tcp;
    public long udp;
    public long sctp;
    public long esp;
    public long icmpv4;
    public long icmpv6;
    public long gre;
    public long vlan;
    public long vlanQinq;
    public long vlanQinqinq;
    public long ipv4InIpv6;
    public long ipv6InIpv6;
    public long maxPktSize;
    public long erspan;
    public long ppp;
    public long pppoe;
    public long geneve;
    public long vxlan;
    public long teredo;
    public long mpls;
    public long nsh;
    /** Per {@link DecodeEvent} ordinal. */
    public final long[] events = new long[DecodeEvent.count()];

    /** Counts one captured frame (Suricata's DecodeUpdatePacketCounters). */
    public void frame(int length) {
        pkts++;
        bytes += length;
        if (length > maxPktSize) {
            maxPktSize = length;
        }
    }

    /** Counts the events and the invalid flag of a finished packet. */
    public void finish(Packet p, boolean countInvalid) {
        if (countInvalid && p.invalid) {
            invalid++;
        }
        for (int i = 0; i < p.eventCount; i++) {
            events[p.events[i]]++;
        }
    }

    public long avgPktSize() {
        return pkts == 0 ? 0 : bytes / pkts;
    }

    public long event(DecodeEvent e) {
        return events[e.ordinal()];
    }

    /** Adds another worker's counters (max for max_pkt_size), for a global view. */
    public void add(DecodeCounters o) {
        pkts += o.pkts;
        bytes += o.bytes;
        invalid += o.invalid;
        ipv4 += o.ipv4;
        ipv6 += o.ipv6;
        ethernet += o.ethernet;
        arp += o.arp;
        unknownEthertype += o.unknownEthertype;
        raw += o.raw;
        nullLink += o.nullLink;
        sll += o.sll;
        tcp += o.tcp;
        udp += o.udp;
        sctp += o.sctp;
        esp += o.esp;
        icmpv4 += o.icmpv4;
        icmpv6 += o.icmpv6;
        gre += o.gre;
        vlan += o.vlan;
        vlanQinq += o.vlanQinq;
        vlanQinqinq += o.vlanQinqinq;
        ipv4InIpv6 += o.ipv4InIpv6;
        ipv6InIpv6 += o.ipv6InIpv6;
        maxPktSize = Math.max(maxPktSize, o.maxPktSize);
        erspan += o.erspan;
        ppp += o.ppp;
        pppoe += o.pppoe;
        geneve += o.geneve;
        vxlan += o.vxlan;
        teredo += o.teredo;
        mpls += o.mpls;
        nsh += o.nsh;
        for (int i = 0; i < events.length; i++) {
            events[i] += o.events[i];
        }
    }

    /**
     * Writes {@code decoder → {...}} into {@code root} in Suricata's order and nesting. Event
     * counters go under {@code decoder → event → <layer> → <name>}, except
     * {@code decoder.too_many_layers} which Suricata keeps at the {@code decoder} level.
     */
    public void writeTo(Map<String, Object> root) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pkts", pkts);
        d.put("bytes", bytes);
        d.put("invalid", invalid);
        d.put("ipv4", ipv4);
        d.put("ipv6", ipv6);
        d.put("ethernet", ethernet);
        d.put("arp", arp);
        d.put("unknown_ethertype", unknownEthertype);
        d.put("raw", raw);
        d.put("null", nullLink);
        d.put("sll", sll);
        d.put("tcp", tcp);
        d.put("udp", udp);
        d.put("sctp", sctp);
        d.put("esp", esp);
        d.put("icmpv4", icmpv4);
        d.put("icmpv6", icmpv6);
        d.put("ppp", ppp);
        d.put("pppoe", pppoe);
        d.put("geneve", geneve);
        d.put("gre", gre);
        d.put("vlan", vlan);
        d.put("vlan_qinq", vlanQinq);
        d.put("vlan_qinqinq", vlanQinqinq);
        d.put("vxlan", vxlan);
        d.put("teredo", teredo);
        d.put("ipv4_in_ipv6", ipv4InIpv6);
        d.put("ipv6_in_ipv6", ipv6InIpv6);
        d.put("mpls", mpls);
        d.put("avg_pkt_size", avgPktSize());
        d.put("max_pkt_size", maxPktSize);
        d.put("erspan", erspan);
        d.put("nsh", nsh);
        Map<String, Object> ev = new LinkedHashMap<>();
        for (DecodeEvent e : DecodeEvent.values()) {
            String stat = e.statName();
            if (!stat.startsWith("decoder.event.")) {
                continue;
            }
            String name = e.eventName();
            int dot = name.indexOf('.');
            @SuppressWarnings("unchecked")
            Map<String, Object> layer = (Map<String, Object>) ev.computeIfAbsent(name.substring(0, dot),
                    k -> new LinkedHashMap<String, Object>());
            layer.put(name.substring(dot + 1), events[e.ordinal()]);
        }
        d.put("event", ev);
        d.put("too_many_layers", events[DecodeEvent.TOO_MANY_LAYERS.ordinal()]);
        root.put("decoder", d);
    }

    /** Flat {@code decoder.x.y → value} view of {@link #writeTo} (handy for tests and stats.log). */
    public Map<String, Long> flatten() {
        Map<String, Object> root = new LinkedHashMap<>();
        writeTo(root);
        Map<String, Long> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Map<String, Object> m, Map<String, Long> out) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Map) {
                flatten(prefix + e.getKey() + ".", (Map<String, Object>) e.getValue(), out);
            } else {
                out.put(prefix + e.getKey(), (Long) e.getValue());
            }
        }
    }
}
