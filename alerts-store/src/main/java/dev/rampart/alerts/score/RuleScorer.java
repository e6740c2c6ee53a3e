package dev.rampart.alerts.score;

import dev.rampart.alerts.AlertRecord;
import java.util.Arrays;

/**
 * A rule's score from its alert (see {@link ScoreConfig} for the order of precedence). The score
 * depends on the rule only, so it is worked out once per gid:sid:rev and then read from a small
 * open-addressing cache; {@link #clearCache()} after a rule reload.
 */
public final class RuleScorer {
    private static final int CACHE_SLOTS = 1 << 14;

    private final ScoreConfig config;
    private final long[] cacheSids = new long[CACHE_SLOTS];
    private final long[] cacheGidRevs = new long[CACHE_SLOTS];
    private final int[] cacheScores = new int[CACHE_SLOTS];
    private final StringBuilder probe = new StringBuilder(48);

    public RuleScorer(ScoreConfig config) {
        this.config = config;
        clearCache();
    }

    public void clearCache() {
        Arrays.fill(cacheSids, -1L);
    }

    public int score(AlertRecord a) {
        long gidRev = ((long) a.gid << 32) | (a.rev & 0xFFFF_FFFFL);
        int slot = (int) (mix(a.sid * 31 + gidRev) & (CACHE_SLOTS - 1));
        if (cacheSids[slot] == a.sid && cacheGidRevs[slot] == gidRev) {
            return cacheScores[slot];
        }
        int score = compute(a);
        // direct-mapped: a collision just replaces the slot
        cacheSids[slot] = a.sid;
        cacheGidRevs[slot] = gidRev;
        cacheScores[slot] = score;
        return score;
    }

    /** Scores without the cache. */
    public int compute(AlertRecord a) {
        a.texts();
        Integer v = config.sidScores.get(a.sid);
        if (v != null) {
            return v;
        }
        if (!config.classtypeScores.isEmpty() && a.classtype.length() > 0) {
            v = config.classtypeScores.get(text(a.classtype));
            if (v != null) {
                return v;
            }
        }
        if (!config.categoryScores.isEmpty() && a.category.length() > 0) {
            v = config.categoryScores.get(text(a.category));
            if (v != null) {
                return v;
            }
        }
        SignatureSeverity severity = SignatureSeverity.of(a.metadata);
        if (severity != null) {
            return config.severityPoints[severity.ordinal()];
        }
        int priority = Math.max(1, Math.min(4, a.severity));
        return config.priorityPoints[priority - 1];
    }

    private String text(StringBuilder sb) {
        probe.setLength(0);
        return probe.append(sb).toString(); // only on a cache miss
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
