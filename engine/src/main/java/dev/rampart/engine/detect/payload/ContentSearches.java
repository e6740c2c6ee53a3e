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
    private final Map<Key, ContentSearch> byContent = new HashMap<>();

    /** A search's pattern as it keeps it (folded when nocase) and its case flag. */
    private record Key(byte[] pattern, boolean nocase) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.nocase == nocase && Arrays.equals(k.pattern, pattern);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pattern) * 31 + (nocase ? 1 : 0);
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
        return byContent.computeIfAbsent(new Key(pattern, nocase), k -> ContentSearch.owning(pattern, nocase));
    }

    /** Distinct searches made so far. */
    int size() {
        return byContent.size();
    }
}
