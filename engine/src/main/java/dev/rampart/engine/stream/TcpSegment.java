package dev.rampart.engine.stream;

/**
 * Pooled storage for one stored segment: its original stream range and a copy of its bytes.
 * Segments of a stream form a list sorted by (offset, length); they may overlap, and overlapping
 * segments always hold the same bytes for the shared range (the overlap policy's result).
 */
final class TcpSegment {
    final byte[] data;
    long offset;
    int length;
    TcpSegment prev;
    TcpSegment next;

    TcpSegment(int capacity) {
        this.data = new byte[capacity];
    }

    long end() {
        return offset + length;
    }
}
