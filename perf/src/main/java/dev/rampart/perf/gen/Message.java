package dev.rampart.perf.gen;

import java.nio.charset.StandardCharsets;

/**
 * One application message sent in one direction of a TCP connection (an HTTP request, a response,
 * a flight of TLS records), as a list of slices of shared arrays read front to back while it is
 * cut into segments.
 */
final class Message {
    final boolean fromClient;
    private byte[][] arrays = new byte[4][];
    private int[] offsets = new int[4];
    private int[] lengths = new int[4];
    private int parts;
    private long length;
    private int part;
    private int partPos;
    private long read;

    Message(boolean fromClient) {
        this.fromClient = fromClient;
    }

    Message add(String ascii) {
        return add(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    Message add(byte[] a) {
        return add(a, 0, a.length);
    }

    Message add(byte[] a, int off, int len) {
        if (len == 0) {
            return this;
        }
        if (parts == arrays.length) {
            arrays = java.util.Arrays.copyOf(arrays, parts * 2);
            offsets = java.util.Arrays.copyOf(offsets, parts * 2);
            lengths = java.util.Arrays.copyOf(lengths, parts * 2);
        }
        arrays[parts] = a;
        offsets[parts] = off;
        lengths[parts] = len;
        parts++;
        length += len;
        return this;
    }

    long length() {
        return length;
    }

    long remaining() {
        return length - read;
    }

    /** Copies the next {@code len} bytes (at most {@link #remaining}) into {@code dst}. */
    void read(byte[] dst, int dstOff, int len) {
        int left = len;
        while (left > 0) {
            int n = Math.min(left, lengths[part] - partPos);
            System.arraycopy(arrays[part], offsets[part] + partPos, dst, dstOff, n);
            dstOff += n;
            left -= n;
            partPos += n;
            if (partPos == lengths[part]) {
                part++;
                partPos = 0;
            }
        }
        read += len;
    }
}
