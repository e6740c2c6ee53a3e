package dev.rampart.engine.detect;

import dev.rampart.engine.flow.Spares;
import java.util.Arrays;

/**
 * Per-flow transaction bookkeeping of detection: per direction the first transaction id not yet
 * fully inspected, and which rules already alerted on which live transaction (a rule alerts at
 * most once per transaction). Pairs below the release point are pruned.
 */
final class TxDetectState {
    final long[] inspectFrom = new long[2];
    /**
     * Per direction, the session's {@code changeCount()} at the end of the last transaction pass,
     * and that session: while both stand, the pass would find every transaction unchanged.
     */
    final long[] passedAtChange = {-1, -1};
    Object passedSession;
    /**
     * The app-layer session whose transactions these marks are about: a flow whose protocol changed
     * (SMTP's STARTTLS to TLS) gets a new session with ids from 0, and these marks start over.
     */
    Object owner;
    /**
     * How many packet/stream alerts were logged with a transaction they did not inspect
     * (Suricata's per-tx guessed_applayer_logged, capped by detect.stream-tx-log-limit): two slots,
     * one per direction's inspect id at most, keyed by transaction id.
     */
    private final long[] guessTx = {-1, -1};
    private final int[] guessLogged = new int[2];
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
        forgetPasses();
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

    /**
     * What the prefilter of a growing body found on a transaction so far: the bytes scanned and
     * the pattern ids reported, so the next inspection scans only the new bytes (plus the overlap
     * a pattern can straddle) and replays the earlier ids. Entries are reused, not reallocated.
     */
    static final class BodyScan {
        Object group;
        /** {@link TxScans#generation} it was last cleared in. */
        int generation;
        int scanned;
        int[] patterns = new int[8];
        int patternCount;
        long[] seen = new long[1];

        void clear(Object group, int patternSpace) {
            this.group = group;
            scanned = 0;
            if (seen.length < (patternSpace + 63) >>> 6) {
                seen = new long[(patternSpace + 63) >>> 6];
            } else {
                for (int i = 0; i < patternCount; i++) {
                    seen[patterns[i] >>> 6] = 0;
                }
            }
            patternCount = 0;
        }

        void found(int patternId) {
            long bit = 1L << patternId;
            int w = patternId >>> 6;
            if ((seen[w] & bit) != 0) {
                return;
            }
            seen[w] |= bit;
            if (patternCount == patterns.length) {
                patterns = Arrays.copyOf(patterns, patternCount * 2);
            }
            patterns[patternCount++] = patternId;
        }
    }

    /**
     * The prefilter records of one transaction and direction, by prefilter index: one lookup per
     * transaction finds them all (a flat list cost a search per buffer once header buffers got
     * records too). Reused for later transactions; {@link #generation} marks its records stale.
     */
    static final class TxScans {
        long key;
        int generation;
        BodyScan[] byPrefilter = new BodyScan[4];
        /**
         * Final buffers (prefilters 0-63) scanned whole for this transaction, and those of them
         * that found patterns: most find none, and a clear bit saves touching their record.
         * Valid for {@link #group}.
         */
        long complete;
        long found;
        Object group;
    }

    private TxScans[] txScans = new TxScans[0];
    private int txScanCount;

    /**
     * A worker's prefilter records of pruned transactions go to its {@code Spares<TxScans>}, for any
     * of its flows' next ones. They stayed with their flow: every idle or closed flow kept a record
     * per direction and buffer of its last transactions (2 GB generator scan at 10 s: 144,651 records,
     * ~25 MB of long-lived heap). A record's {@link TxScans#generation} marks its entries stale
     * wherever it is reused.
     */
    static final int SPARES = 1024;

    /**
     * The body-scan record of tx {@code txId}, direction {@code dir}, prefilter {@code prefilter}
     * of {@code group}; a new or reused one starts empty (also after a plan switch: other group).
     */
    BodyScan bodyScan(long txId, int dir, Object group, int prefilter, int patternSpace, Spares<TxScans> spares) {
        return bodyScan(scans(txId, dir, spares), group, prefilter, patternSpace);
    }

    /**
     * The prefilter records of tx {@code txId} in direction {@code dir}; a new one (from
     * {@code spares} when it has one) is empty.
     */
    TxScans scans(long txId, int dir, Spares<TxScans> spares) {
        long key = txId << 1 | dir;
        TxScans t = null;
        // newest first: the transaction being inspected is usually the last one opened
        for (int i = txScanCount - 1; i >= 0; i--) {
            if (txScans[i].key == key) {
                t = txScans[i];
                break;
            }
        }
        if (t == null) {
            if (txScanCount == txScans.length) {
                txScans = Arrays.copyOf(txScans, Math.max(4, txScanCount * 2));
            }
            t = txScans[txScanCount];
            if (t == null) {
                t = spares.takeOr(TxScans::new);
                txScans[txScanCount] = t;
            }
            txScanCount++;
            t.key = key;
            t.generation++; // the records it holds were another transaction's
            t.complete = t.found = 0;
            t.group = null;
        }
        return t;
    }

    /** The record of prefilter {@code prefilter} of {@code group} in {@code t}; a new or reused one starts empty. */
    BodyScan bodyScan(TxScans t, Object group, int prefilter, int patternSpace) {
        if (prefilter >= t.byPrefilter.length) {
            t.byPrefilter = Arrays.copyOf(t.byPrefilter, Math.max(prefilter + 1, t.byPrefilter.length * 2));
        }
        BodyScan b = t.byPrefilter[prefilter];
        if (b == null) {
            b = new BodyScan();
            b.generation = t.generation - 1;
            t.byPrefilter[prefilter] = b;
        }
        if (b.generation != t.generation || b.group != group) {
            b.generation = t.generation;
            b.clear(group, patternSpace);
        }
        return b;
    }

    /** Forgets the pass marks: the next pass in each direction looks at every transaction. */
    void forgetPasses() {
        passedAtChange[0] = passedAtChange[1] = -1;
        passedSession = null;
    }

    /** Counts one more packet alert logged with transaction {@code txId}, if it is still under {@code limit}. */
    boolean logGuessed(long txId, int limit) {
        int slot = guessTx[0] == txId ? 0 : guessTx[1] == txId ? 1 : -1;
        if (slot < 0) {
            // inspect ids only grow: the slot of the older transaction is free for the new one
            slot = guessTx[0] <= guessTx[1] ? 0 : 1;
            guessTx[slot] = txId;
            guessLogged[slot] = 0;
        }
        if (guessLogged[slot] >= limit) {
            return false;
        }
        guessLogged[slot]++;
        return true;
    }

    void reset() {
        forgetPasses();
        owner = null;
        guessTx[0] = guessTx[1] = -1;
        txScanCount = 0;
        versions = 0;
        inspectFrom[0] = inspectFrom[1] = 0;
        count = 0;
    }

    /** Forgets the transactions below {@code txId}; their prefilter records go to {@code spares}. */
    void pruneBelow(long txId, Spares<TxScans> spares) {
        // keep the records of live transactions first; the pruned ones go to the worker's spares
        int wb = 0;
        for (int i = 0; i < txScanCount; i++) {
            if (txScans[i].key >>> 1 >= txId) {
                TxScans keep = txScans[i];
                txScans[i] = txScans[wb];
                txScans[wb] = keep;
                wb++;
            }
        }
        for (int i = wb; i < txScanCount; i++) {
            spares.give(txScans[i]);
            txScans[i] = null;
        }
        txScanCount = wb;
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
