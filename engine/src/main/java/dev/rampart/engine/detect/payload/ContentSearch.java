package dev.rampart.engine.detect.payload;

/**
 * A Horspool search for one content pattern: a pattern stored case-folded (ASCII only, as
 * Suricata's nocase) when the match ignores case, and a bad-character skip table built on the
 * first search. Searching allocates nothing after that first one.
 */
public final class ContentSearch {
    private final byte[] pattern;
    private final boolean nocase;
    /**
     * Shifts as unsigned bytes, capped at 255: a shorter shift only looks at more places. Built on
     * the first search, not at load: ET Open compiles 43k contents and most of them never reach
     * a verify in a run (as 256-byte tables made at load they were 6.9 MB of the plan, copied by
     * every young collection of the load). Volatile so that a worker that sees the table sees it
     * filled; two workers that race both build the same table.
     */
    private volatile byte[] skip;

    /** The search for a copy of {@code pattern}. */
    public ContentSearch(byte[] pattern, boolean nocase) {
        this(nocase, foldedIf(nocase, pattern.clone()));
    }

    /**
     * A search that keeps {@code pattern} (folded in place when nocase): for callers that made
     * the array for it.
     */
    static ContentSearch owning(byte[] pattern, boolean nocase) {
        return new ContentSearch(nocase, foldedIf(nocase, pattern));
    }

    /** A search that keeps {@code folded}, already folded when nocase ({@link ContentSearches} folds to key it). */
    static ContentSearch ofFolded(byte[] folded, boolean nocase) {
        return new ContentSearch(nocase, folded);
    }

    private ContentSearch(boolean nocase, byte[] folded) {
        this.nocase = nocase;
        this.pattern = folded;
    }

    private static byte[] foldedIf(boolean nocase, byte[] bytes) {
        if (nocase) {
            fold(bytes);
        }
        return bytes;
    }

    /** ASCII letters of {@code bytes} lowercased in place (folding twice changes nothing). */
    static void fold(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) lower(bytes[i] & 0xFF);
        }
    }

    private byte[] buildSkip() {
        byte[] t = skip;
        if (t == null) {
            t = new byte[256];
            int m = pattern.length;
            java.util.Arrays.fill(t, (byte) Math.min(Math.max(m, 1), 255));
            for (int i = 0; i < m - 1; i++) {
                int c = pattern[i] & 0xFF;
                byte shift = (byte) Math.min(m - 1 - i, 255);
                t[c] = shift;
                if (nocase && c >= 'a' && c <= 'z') {
                    t[c - 32] = shift;
                }
            }
            skip = t;
        }
        return t;
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
        if (i > limit) {
            return -1;
        }
        byte[] skip = this.skip;
        if (skip == null) {
            skip = buildSkip(); // once per search, not inlined into every search
        }
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
