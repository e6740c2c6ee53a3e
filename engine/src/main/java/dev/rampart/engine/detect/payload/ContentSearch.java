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
    /** This search's entry in {@link #SHARED}: held here so the entry lives as long as the search. */
    private Key key;

    /** A content as {@link #SHARED} compares it: pattern bytes as written and the nocase flag. */
    private record Key(byte[] pattern, boolean nocase) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.nocase == nocase && java.util.Arrays.equals(k.pattern, pattern);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(pattern) * 31 + (nocase ? 1 : 0);
        }
    }

    /**
     * Searches of the loaded plans by content. A search is immutable, so equal contents share
     * one: ET Open's 43k contents are 22k distinct ones, and each search is a 256-byte table.
     * Weak both ways: a search goes when no plan uses it (a reload replaced its plan).
     */
    private static final java.util.Map<Key, java.lang.ref.WeakReference<ContentSearch>> SHARED =
            new java.util.WeakHashMap<>();

    /** The search for this content, shared with every other content of the same bytes and case flag. */
    public static ContentSearch of(byte[] pattern, boolean nocase) {
        Key k = new Key(pattern.clone(), nocase);
        synchronized (SHARED) {
            java.lang.ref.WeakReference<ContentSearch> ref = SHARED.get(k);
            ContentSearch s = ref == null ? null : ref.get();
            if (s == null) {
                s = new ContentSearch(k.pattern, nocase);
                s.key = k;
                SHARED.put(k, new java.lang.ref.WeakReference<>(s));
            }
            return s;
        }
    }

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
