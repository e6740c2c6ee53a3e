package dev.rampart.capture;

import java.nio.ByteBuffer;

/**
 * Flyweight over one captured frame. A source reuses one instance: the fields (and the bytes the
 * buffer holds at {@code offset}) are valid only during the {@link FrameHandler#onFrame} call.
 * The buffer is big-endian, read with absolute gets; for files it is a window of the mapped file
 * (zero copy).
 */
public final class Frame {
    /** Backing bytes; position/limit are not meaningful, use offset and captureLength. */
    public ByteBuffer buffer;
    public int offset;
    /** Bytes captured (what the buffer holds). */
    public int captureLength;
    /** Length of the packet on the wire (>= captureLength when snaplen cut it). */
    public int originalLength;
    /** Link type of this frame ({@link LinkType}); pcapng may mix them per interface. */
    public int linkType;
    /** Capture time, nanoseconds since the epoch. */
    public long timestampNanos;
    /** 1-based index of the frame in its source (Suricata's {@code pcap_cnt}). */
    public long index;
    /** Interface id (pcapng) or 0. */
    public int interfaceId;
    /**
     * The worker a fanout's record index gave this frame ({@link FrameOwner}), or -1: unknown. A
     * frame that is not its reader's worker's is handed over without its bytes read: only this,
     * {@link #index} and {@link #captureLength} are then meaningful.
     */
    public int owner = -1;
    /**
     * {@link System#nanoTime()} when the frame's bytes were ready for processing, as its source
     * knows it (a fanout's record index: when its window was indexed, one clock read per window),
     * or {@link #NO_ARRIVAL}: the handler takes the time itself.
     */
    public long arrivalNanos = NO_ARRIVAL;
    /** {@link #arrivalNanos} of a source that does not say. */
    public static final long NO_ARRIVAL = Long.MIN_VALUE;

    public Frame set(ByteBuffer buffer, int offset, int captureLength, int originalLength, int linkType,
            long timestampNanos, long index, int interfaceId) {
        this.buffer = buffer;
        this.offset = offset;
        this.captureLength = captureLength;
        this.originalLength = originalLength;
        this.linkType = linkType;
        this.timestampNanos = timestampNanos;
        this.index = index;
        this.interfaceId = interfaceId;
        this.owner = -1;
        this.arrivalNanos = NO_ARRIVAL;
        return this;
    }
}
