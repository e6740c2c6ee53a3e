package dev.rampart.engine.detect;

import java.util.Arrays;

/**
 * Per-flow transaction bookkeeping of detection: per direction the first transaction id not yet
 * fully inspected, and which rules already alerted on which live transaction (a rule alerts at
 * most once per transaction). Pairs below the release point are pruned.
 */
final class TxDetectState {
    final long[] inspectFrom = new long[2];
    private long[] matchedTx = new long[8];
    private int[] matchedOrder = new int[8];
    private int count;

    boolean matched(long txId, int order) {
        for (int i = 0; i < count; i++) {
            if (matchedOrder[i] == order && matchedTx[i] == txId) {
                return true;
            }
        }
        return false;
    }

    void add(long txId, int order) {
        if (count == matchedTx.length) {
            matchedTx = Arrays.copyOf(matchedTx, count * 2);
            matchedOrder = Arrays.copyOf(matchedOrder, count * 2);
        }
        matchedTx[count] = txId;
        matchedOrder[count] = order;
        count++;
    }

    private long[] versionTx = new long[8];
    private long[] version = new long[8];
    private int versions;

    /** The version of tx {@code txId} last inspected in direction {@code dir}, or -1. */
    long inspectedVersion(long txId, int dir) {
        long key = txId << 1 | dir;
        for (int i = 0; i < versions; i++) {
            if (versionTx[i] == key) {
                return version[i];
            }
        }
        return -1;
    }

    void inspected(long txId, int dir, long v) {
        long key = txId << 1 | dir;
        for (int i = 0; i < versions; i++) {
            if (versionTx[i] == key) {
                version[i] = v;
                return;
            }
        }
        if (versions == versionTx.length) {
            versionTx = Arrays.copyOf(versionTx, versions * 2);
            version = Arrays.copyOf(version, versions * 2);
        }
        versionTx[versions] = key;
        version[versions] = v;
        versions++;
    }

    /**
     * Alert-once keys ({@code order << 1 | dir}) moved to another plan's orders; a pair whose rule
     * the mapping drops ({@code -1}) is forgotten.
     */
    void remapOrders(java.util.function.IntUnaryOperator orderMap) {
        int w = 0;
        for (int i = 0; i < count; i++) {
            int order = orderMap.applyAsInt(matchedOrder[i] >>> 1);
            if (order >= 0) {
                matchedTx[w] = matchedTx[i];
                matchedOrder[w] = order << 1 | (matchedOrder[i] & 1);
                w++;
            }
        }
        count = w;
    }

    void reset() {
        versions = 0;
        inspectFrom[0] = inspectFrom[1] = 0;
        count = 0;
    }

    void pruneBelow(long txId) {
        int wv = 0;
        for (int i = 0; i < versions; i++) {
            if (versionTx[i] >>> 1 >= txId) {
                versionTx[wv] = versionTx[i];
                version[wv] = version[i];
                wv++;
            }
        }
        versions = wv;
        int w = 0;
        for (int i = 0; i < count; i++) {
            if (matchedTx[i] >= txId) {
                matchedTx[w] = matchedTx[i];
                matchedOrder[w] = matchedOrder[i];
                w++;
            }
        }
        count = w;
    }
}
