package dev.rampart.perf.gen;

import java.util.Map;
import java.util.TreeMap;

/** What a generator run wrote: connections and flows by kind, packets, bytes, rule targets hit. */
public final class GenSummary {
    public long packets;
    /** Size of the pcap file, headers included. */
    public long fileBytes;
    public long tcpConnections;
    public long httpConnections;
    public long httpRequests;
    public long tlsSessions;
    public long dnsQueries;
    public long pingSessions;
    /** Distinct client/target address pairs pinged (ICMP echo flows are per address pair). */
    public long pingPairs;
    /** How many requests carry each targeted ET rule's content, by sid. */
    public final Map<Integer, Long> targetedSids = new TreeMap<>();

    void targeted(int sid) {
        targetedSids.merge(sid, 1L, Long::sum);
    }

    public long targetedTotal() {
        return targetedSids.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return String.format("%,d packets, %,d bytes; %,d TCP connections (%,d HTTP with %,d requests, %,d TLS), "
                + "%,d DNS queries, %,d ping sessions; ET-targeted requests %d %s", packets, fileBytes, tcpConnections,
                httpConnections, httpRequests, tlsSessions, dnsQueries, pingSessions, targetedTotal(), targetedSids);
    }
}
