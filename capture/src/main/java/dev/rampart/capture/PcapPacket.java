package dev.rampart.capture;

/**
 * One captured frame of a pcap file: when it was seen, how long it was on the wire and the bytes
 * that were captured (possibly fewer than {@link #originalLength()} when a snap length cut it).
 */
public final class PcapPacket {
    private final long timestampMicros;
    private final int originalLength;
    private final byte[] data;

    public PcapPacket(long timestampMicros, int originalLength, byte[] data) {
        this.timestampMicros = timestampMicros;
        this.originalLength = originalLength;
        this.data = data;
    }

    /** Microseconds since the epoch (nanosecond captures are rounded down). */
    public long timestampMicros() {
        return timestampMicros;
    }

    public int originalLength() {
        return originalLength;
    }

    /** The captured bytes (not copied: callers must not modify them). */
    public byte[] data() {
        return data;
    }

    public int capturedLength() {
        return data.length;
    }
}
