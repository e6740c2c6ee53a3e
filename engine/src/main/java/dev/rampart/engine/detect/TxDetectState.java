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

    void reset() {
        inspectFrom[0] = inspectFrom[1] = 0;
        count = 0;
    }

    void pruneBelow(long txId) {
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
