package dev.rampart.engine.detect.mpm;

import java.util.Arrays;

/**
 * One literal handed to a multi-pattern matcher: the id reported on a match, the bytes, and
 * whether ASCII letters match in either case (content {@code nocase}).
 */
public record MpmPattern(int id, byte[] bytes, boolean nocase) {
    public MpmPattern {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty pattern for id " + id);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Length without copying the bytes. */
    public int length() {
        return bytes.length;
    }

    /** Puts the bytes into {@code out} without a copy (the cache key hashes every pattern of a group). */
    void putBytes(java.nio.ByteBuffer out) {
        out.put(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpmPattern p && p.id == id && p.nocase == nocase && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return (31 * id + Arrays.hashCode(bytes)) * 2 + (nocase ? 1 : 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MpmPattern[").append(id).append(", \"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '|') {
                sb.append((char) c);
            } else {
                sb.append(String.format("|%02X|", c));
            }
        }
        return sb.append(nocase ? "\", nocase]" : "\"]").toString();
    }
}
