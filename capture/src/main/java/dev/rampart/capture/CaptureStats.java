package dev.rampart.capture;

/**
 * Capture counters (Suricata's {@code capture.*} stats). Written by the capture thread only,
 * read by others: volatile longs, no locks.
 */
public final class CaptureStats {
    /** Frames delivered to the handler. */
    public volatile long received;
    /** Bytes of the frames delivered (captured length). */
    public volatile long bytes;
    /** Dropped by the kernel (live capture; libpcap ps_drop). */
    public volatile long kernelDrops;
    /** Dropped by the interface / driver (libpcap ps_ifdrop). */
    public volatile long interfaceDrops;
    /** Frames skipped because they were malformed in the file (counted, not silent). */
    public volatile long invalid;
}
