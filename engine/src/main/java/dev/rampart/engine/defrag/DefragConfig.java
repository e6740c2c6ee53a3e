package dev.rampart.engine.defrag;

/** Defragmentation limits (Suricata's {@code defrag:} section; defaults as Suricata's). */
public final class DefragConfig {
    /** Concurrent datagrams being rebuilt ({@code defrag.trackers}). */
    public int maxTrackers = 65535;
    /** Fragments held at once over all trackers ({@code defrag.max-frags}). */
    public int maxFragments = 65535;
    /** Bytes of fragment data held at once ({@code defrag.memcap}, 32 MiB). */
    public long memcap = 32L * 1024 * 1024;
    /** Bytes one datagram may hold, overlapping copies included (bounds one attacker's share). */
    public int trackerMemcap = 256 * 1024;
    /** Seconds a datagram may wait for its missing fragments ({@code defrag.timeout}). */
    public int timeoutSeconds = 60;
    public DefragPolicy policy = DefragPolicy.BSD;

    public DefragConfig policy(DefragPolicy p) {
        this.policy = p;
        return this;
    }
}
