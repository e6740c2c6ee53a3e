package dev.rampart.engine.detect.seclang.operator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-phrase search over Latin-1 text, ASCII case-insensitive (ModSecurity's ACMP folds with C
 * tolower, so only A-Z). Transitions live in one map keyed by (state, byte) to stay small on the
 * large CRS data files; matching follows failure links, so a search is linear in the text.
 */
final class AhoCorasick {
    private final Map<Long, Integer> next = new HashMap<>();
    private final int[] fail;
    /** The phrase ending at a state (as written), or null. */
    private final String[] own;
    /** The nearest state on the failure chain that ends a phrase, or -1. */
    private final int[] dict;

    AhoCorasick(List<String> phrases) {
        int states = 1;
        Map<Integer, String> ends = new HashMap<>();
        for (String p : phrases) {
            int s = 0;
            for (int i = 0; i < p.length(); i++) {
                long key = key(s, fold(p.charAt(i)));
                Integer t = next.get(key);
                if (t == null) {
                    t = states++;
                    next.put(key, t);
                }
                s = t;
            }
            ends.putIfAbsent(s, p); // the first phrase added wins, as a repeated ACMP pattern does
        }
        fail = new int[states];
        own = new String[states];
        dict = new int[states];
        ends.forEach((s, p) -> own[s] = p);
        // breadth-first over the trie: children by state, collected from the transition map
        Map<Integer, java.util.ArrayList<long[]>> children = new HashMap<>();
        for (Map.Entry<Long, Integer> e : next.entrySet()) {
            int from = (int) (e.getKey() >>> 8);
            children.computeIfAbsent(from, k -> new java.util.ArrayList<>())
                    .add(new long[] {e.getKey() & 0xFF, e.getValue()});
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        dict[0] = -1;
        for (long[] c : children.getOrDefault(0, new java.util.ArrayList<>())) {
            int t = (int) c[1];
            fail[t] = 0;
            dict[t] = -1;
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (long[] c : children.getOrDefault(s, new java.util.ArrayList<>())) {
                int b = (int) c[0];
                int t = (int) c[1];
                int f = fail[s];
                Integer g;
                while ((g = next.get(key(f, b))) == null && f != 0) {
                    f = fail[f];
                }
                fail[t] = g != null && g != t ? g : 0;
                dict[t] = own[fail[t]] != null ? fail[t] : dict[fail[t]];
                queue.add(t);
            }
        }
    }

    /**
     * The phrase found at the earliest end position in the text (the state's own phrase, else the
     * longest phrase that is a suffix there), or null when none occurs.
     */
    String find(String text) {
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            int b = fold(text.charAt(i));
            Integer g;
            while ((g = next.get(key(s, b))) == null && s != 0) {
                s = fail[s];
            }
            s = g == null ? 0 : g;
            if (own[s] != null) {
                return own[s];
            }
            if (dict[s] >= 0) {
                return own[dict[s]];
            }
        }
        return null;
    }

    private static long key(int state, int b) {
        return ((long) state << 8) | b;
    }

    private static int fold(char c) {
        int b = c & 0xFF;
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
