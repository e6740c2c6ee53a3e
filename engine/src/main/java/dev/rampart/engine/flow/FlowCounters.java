package dev.rampart.engine.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** Flow stats, named as Suricata's {@code flow.*} counters; owned by one worker thread. */
public final class FlowCounters {
    public long total;
    public long tcp;
    public long udp;
    public long icmpv4;
    public long icmpv6;
    public long active;
    public long memuse;
    /** Times a new flow needed a slot while the table was full ({@code flow.memcap}). */
    public long memcap;
    /** A SYN on a finished TCP session started a new flow on the same 5-tuple. */
    public long tcpReuse;
    public long getUsed;
    public long getUsedFailed;
    public long emergModeEntered;
    public long emergModeOver;
    public long mgrFullHashPass;
    public long mgrFlowsChecked;
    public long mgrFlowsNotimeout;
    public long mgrFlowsTimeout;
    public long mgrFlowsEvicted;
    public long mgrRowsMaxlen;
    public final long[] endState = new long[FlowState.COUNT];

    /** Counters in Suricata's naming, for stats output and tests. */
    public Map<String, Long> toMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("flow.memcap", memcap);
        m.put("flow.total", total);
        m.put("flow.active", active);
        m.put("flow.tcp", tcp);
        m.put("flow.udp", udp);
        m.put("flow.icmpv4", icmpv4);
        m.put("flow.icmpv6", icmpv6);
        m.put("flow.tcp_reuse", tcpReuse);
        m.put("flow.get_used", getUsed);
        m.put("flow.get_used_failed", getUsedFailed);
        m.put("flow.end.state.new", endState[FlowState.NEW]);
        m.put("flow.end.state.established", endState[FlowState.ESTABLISHED]);
        m.put("flow.end.state.closed", endState[FlowState.CLOSED]);
        m.put("flow.mgr.full_hash_pass", mgrFullHashPass);
        m.put("flow.mgr.rows_maxlen", mgrRowsMaxlen);
        m.put("flow.mgr.flows_checked", mgrFlowsChecked);
        m.put("flow.mgr.flows_notimeout", mgrFlowsNotimeout);
        m.put("flow.mgr.flows_timeout", mgrFlowsTimeout);
        m.put("flow.mgr.flows_evicted", mgrFlowsEvicted);
        m.put("flow.emerg_mode_entered", emergModeEntered);
        m.put("flow.emerg_mode_over", emergModeOver);
        m.put("flow.memuse", memuse);
        return m;
    }
}
