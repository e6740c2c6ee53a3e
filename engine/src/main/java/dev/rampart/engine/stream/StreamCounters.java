package dev.rampart.engine.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/** TCP stats named as Suricata's {@code tcp.*} counters; owned by one worker thread. */
public final class StreamCounters {
    public long sessions;
    public long activeSessions;
    public long ssnMemcapDrop;
    public long pseudo;
    public long invalidChecksum;
    public long syn;
    public long synack;
    public long rst;
    public long midstreamPickups;
    public long pktOnWrongThread;
    public long ackUnseenData;
    public long segmentMemcapDrop;
    public long segmentFromPool;
    public long streamDepthReached;
    public long reassemblyGap;
    public long overlap;
    public long overlapDiffData;
    public long insertDataNormalFail;
    public long insertDataOverlapFail;
    public long memuse;
    public long reassemblyMemuse;
    public final long[] events = new long[StreamEvent.values().length];

    public Map<String, Long> toMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("tcp.syn", syn);
        m.put("tcp.synack", synack);
        m.put("tcp.rst", rst);
        m.put("tcp.active_sessions", activeSessions);
        m.put("tcp.sessions", sessions);
        m.put("tcp.ssn_memcap_drop", ssnMemcapDrop);
        m.put("tcp.pseudo", pseudo);
        m.put("tcp.invalid_checksum", invalidChecksum);
        m.put("tcp.midstream_pickups", midstreamPickups);
        m.put("tcp.pkt_on_wrong_thread", pktOnWrongThread);
        m.put("tcp.ack_unseen_data", ackUnseenData);
        m.put("tcp.segment_memcap_drop", segmentMemcapDrop);
        m.put("tcp.segment_from_pool", segmentFromPool);
        m.put("tcp.stream_depth_reached", streamDepthReached);
        m.put("tcp.reassembly_gap", reassemblyGap);
        m.put("tcp.overlap", overlap);
        m.put("tcp.overlap_diff_data", overlapDiffData);
        m.put("tcp.insert_data_normal_fail", insertDataNormalFail);
        m.put("tcp.insert_data_overlap_fail", insertDataOverlapFail);
        m.put("tcp.memuse", memuse);
        m.put("tcp.reassembly_memuse", reassemblyMemuse);
        return m;
    }
}
