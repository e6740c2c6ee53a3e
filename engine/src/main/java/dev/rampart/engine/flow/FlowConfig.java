package dev.rampart.engine.flow;

/**
 * Flow table settings, named after Suricata's {@code flow:} section. The table never holds more
 * than {@link #maxFlows()} flows: {@code memcap / FLOW_BYTES}.
 */
public final class FlowConfig {
    /** Accounted size of one flow, for {@code flow.memuse} and for turning the memcap into a count. */
    public static final int FLOW_BYTES = 320;

    /** {@code flow.memcap}: 128 MiB by default. */
    public long memcap = 128L * 1024 * 1024;
    /** {@code flow.hash-size}: number of buckets (rounded up to a power of two). */
    public int hashSize = 65536;
    /** {@code flow.prealloc}: flows created up front. */
    public int prealloc = 10000;
    /** {@code flow.emergency-recovery}: leave emergency mode when this percent of the pool is free. */
    public int emergencyRecovery = 30;
    /** Buckets a {@code timeout()} call visits (the sweep is incremental). */
    public int sweepBucketsPerCall = 1024;
    public FlowTimeouts timeouts = new FlowTimeouts();
    /** {@code vlan.use-for-tracking}: VLAN ids are part of the flow key. */
    public boolean vlanTracking = true;

    public int maxFlows() {
        long n = memcap / FLOW_BYTES;
        return (int) Math.max(1, Math.min(n, 1 << 26));
    }

    /** A config that holds exactly {@code flows} flows. */
    public static FlowConfig withMaxFlows(int flows) {
        FlowConfig c = new FlowConfig();
        c.memcap = (long) flows * FLOW_BYTES;
        c.prealloc = Math.min(c.prealloc, flows);
        c.hashSize = Math.max(16, Integer.highestOneBit(Math.max(1, flows)) * 2);
        return c;
    }
}
