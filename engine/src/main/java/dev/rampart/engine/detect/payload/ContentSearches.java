package dev.rampart.engine.detect.payload;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The searches of one plan build by content: rules with equal contents (same bytes after case
 * folding, same nocase flag) share one {@link ContentSearch}, so candidates verified together on a
 * packet (they often share their fast pattern) use one pattern and one skip table. ET Open's 43k
 * contents are ~25k distinct ones. A plain map held by the compiler and dropped with it: a reload
 * builds its own, and no weak references outlive the build. Not thread-safe: one per compiler.
 */
public final class ContentSearches {
    /** Presized for a parsing task's share of ET Open (~12k distinct contents): no rehashing as it fills. */
    private final Map<Key, ContentSearch> byContent = new HashMap<>(1 << 15);

    /**
     * A search's pattern as it keeps it (folded when nocase) and its case flag. Hashed FNV-1a style
     * with a final mix, once: {@code Arrays.hashCode} of ET Open's contents crowded HashMap's bins
     * into trees, and resizing those was ~7% of a rule's compile.
     */
    private static final class Key {
        final byte[] pattern;
        final boolean nocase;
        final int hash;

        Key(byte[] pattern, boolean nocase) {
            this.pattern = pattern;
            this.nocase = nocase;
            int h = nocase ? 0x811c9dc5 ^ 0x5bd1e995 : 0x811c9dc5;
            for (byte b : pattern) {
                h = (h ^ (b & 0xff)) * 0x01000193;
            }
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.nocase == nocase && Arrays.equals(k.pattern, pattern);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The shared search for a copy of {@code pattern}. */
    public ContentSearch of(byte[] pattern, boolean nocase) {
        return owning(pattern.clone(), nocase);
    }

    /** The shared search for {@code pattern}, which the caller made for it (it is folded in place when nocase). */
    ContentSearch owning(byte[] pattern, boolean nocase) {
        if (nocase) {
            ContentSearch.fold(pattern);
        }
        return byContent.computeIfAbsent(new Key(pattern, nocase), k -> ContentSearch.ofFolded(pattern, nocase));
    }

    /** Distinct searches made so far. */
    int size() {
        return byContent.size();
    }
}
