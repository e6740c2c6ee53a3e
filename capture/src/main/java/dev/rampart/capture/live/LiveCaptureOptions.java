package dev.rampart.capture.live;

/**
 * How to open a live capture. Mutable, set before {@link LiveCaptureSource#open}; defaults suit an
 * IDS: whole packets, promiscuous, a 32 MiB kernel buffer, a 100 ms read timeout.
 */
public final class LiveCaptureOptions {
    /** Interface name as libpcap knows it ({@code eth0}, {@code lo}, {@code any}). */
    public String interfaceName;
    /** BPF filter expression; null or empty captures everything. */
    public String filter;
    public int snaplen = 262_144;
    public boolean promiscuous = true;
    /** Kernel ring / buffer size in bytes; 0 keeps libpcap's default. */
    public int bufferSize = 32 * 1024 * 1024;
    /** How long a poll may wait for packets (libpcap's read timeout). */
    public int readTimeoutMillis = 100;
    /** Poll returns at once when nothing is queued, instead of waiting up to the read timeout. */
    public boolean nonBlocking;
    /** Deliver packets as they arrive rather than when the kernel block fills or times out. */
    public boolean immediate;
    /** Kernel drop counters are refreshed every this many polls (and on close). */
    public int statsEveryPolls = 1024;

    public LiveCaptureOptions(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    public LiveCaptureOptions filter(String bpf) {
        this.filter = bpf;
        return this;
    }
}
