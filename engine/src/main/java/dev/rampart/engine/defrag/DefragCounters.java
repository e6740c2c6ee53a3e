package dev.rampart.engine.defrag;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defrag counters of one worker, named as Suricata 7.0's {@code defrag.*} stats. Fragments that are
 * ignored (pool or memcap exhausted) raise the {@code ipv4.frag_ignored} / {@code ipv6.frag_ignored}
 * decoder events instead; {@code max_frag_hits} counts fragments refused for want of a tracker.
 * Suricata 8 renamed/split some of these ({@code max_trackers_reached}, {@code max_frags_reached});
 * Rampart follows the 7.0 oracle.
 */
public final class DefragCounters {
    public long ipv4Fragments;
    public long ipv4Reassembled;
    public long ipv6Fragments;
    public long ipv6Reassembled;
    public long maxFragHits;
    /** Trackers dropped because their datagram timed out (not a Suricata 7 stat; kept for tests). */
    public long timeouts;
    /** Fragments ignored because the memcap or the fragment pool was exhausted (not emitted). */
    public long memcapDrops;

    public void writeTo(Map<String, Object> root) {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> v4 = new LinkedHashMap<>();
        v4.put("fragments", ipv4Fragments);
        v4.put("reassembled", ipv4Reassembled);
        Map<String, Object> v6 = new LinkedHashMap<>();
        v6.put("fragments", ipv6Fragments);
        v6.put("reassembled", ipv6Reassembled);
        d.put("ipv4", v4);
        d.put("ipv6", v6);
        d.put("max_frag_hits", maxFragHits);
        root.put("defrag", d);
    }

    public void add(DefragCounters o) {
        ipv4Fragments += o.ipv4Fragments;
        ipv4Reassembled += o.ipv4Reassembled;
        ipv6Fragments += o.ipv6Fragments;
        ipv6Reassembled += o.ipv6Reassembled;
        maxFragHits += o.maxFragHits;
        timeouts += o.timeouts;
        memcapDrops += o.memcapDrops;
    }
}
