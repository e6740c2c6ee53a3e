package dev.rampart.engine.detect.payload;

/**
 * A Horspool search for one content pattern: a bad-character skip table built once, a pattern
 * stored case-folded (ASCII only, as Suricata's nocase) when the match ignores case. Searching
 * allocates nothing.
 */
public final class ContentSearch {
    private final byte[] pattern;
    private final boolean nocase;
    /**
     * Shifts as unsigned bytes, capped at 255: a shorter shift only looks at more places, and ET
     * Open compiles 43k contents (an int table was 44 MB of the heap).
     */
    private final byte[] skip = new byte[256];

    public ContentSearch(byte[] pattern, boolean nocase) {
        this.nocase = nocase;
        this.pattern = pattern.clone();
        if (nocase) {
            for (int i = 0; i < this.pattern.length; i++) {
                this.pattern[i] = (byte) lower(this.pattern[i] & 0xFF);
            }
        }
        int m = this.pattern.length;
        java.util.Arrays.fill(skip, (byte) Math.min(Math.max(m, 1), 255));
        for (int i = 0; i < m - 1; i++) {
            int c = this.pattern[i] & 0xFF;
            byte shift = (byte) Math.min(m - 1 - i, 255);
            skip[c] = shift;
            if (nocase && c >= 'a' && c <= 'z') {
                skip[c - 32] = shift;
            }
        }
    }

    int length() {
        return pattern.length;
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /**
     * Index of the first occurrence starting in {@code [from, to - length]} that lies wholly in
     * {@code [from, to)}, or -1.
     */
    public int indexOf(byte[] data, int from, int to) {
        final byte[] p = pattern;
        final int m = p.length;
        if (m == 0) {
            return from <= to ? from : -1;
        }
        final int last = m - 1;
        final int lastByte = p[last] & 0xFF;
        int i = from;
        final int limit = to - m;
        if (nocase) {
            while (i <= limit) {
                int c = lower(data[i + last] & 0xFF);
                if (c == lastByte && equalsFolded(data, i, last)) {
                    return i;
                }
                i += skip[data[i + last] & 0xFF] & 0xFF;
            }
        } else {
            while (i <= limit) {
                int c = data[i + last] & 0xFF;
                if (c == lastByte && equalsExact(data, i, last)) {
                    return i;
                }
                i += skip[c] & 0xFF;
            }
        }
        return -1;
    }

    private boolean equalsExact(byte[] data, int at, int n) {
        for (int j = 0; j < n; j++) {
            if (data[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsFolded(byte[] data, int at, int n) {
        for (int j = 0; j < n; j++) {
            if (lower(data[at + j] & 0xFF) != (pattern[j] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
