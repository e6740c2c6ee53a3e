package dev.rampart.capture.file;

import dev.rampart.capture.FrameKey;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Who reads which flow in a balanced {@link FileFanout}: the record walk asks it for the owner of
 * every frame; a flow key it has not seen yet goes to the reader whose recent frames, over its
 * weight, are fewest, and keeps that reader for the rest of the file.
 *
 * <p>The weights follow the readers' progress: before each window's walk, a reader behind the
 * others' mean record position loses weight and one ahead gains it, {@link #GAIN} of its lag in
 * windows; none gets less than {@link #MIN_SHARE} of an even share. So a reader on a core
 * that the machine slows gets fewer new flows until the readers move side by side again. New
 * flows are the only lever (a flow's frames cannot move once it has a reader), and a flow's frames
 * come over many windows: hence a small gain, and "recent" frames (decayed by {@link #DECAY} a
 * window) rather than all frames ever given, so that an old imbalance does not send every new
 * flow one way for long.
 *
 * <p>Threads: {@link #ownerOf} and {@link #nextWindow} run in the walk only (one window after
 * another, each walk published to the next through the group's index array); {@link #reached} is
 * each reader's own slot, read here without locks (a stale position only delays a correction).
 */
final class FanoutBalancer {
    /**
     * Weight moved per window of lag. 0.05 overshot: the flows given for a lag keep coming for many
     * windows after it, so the readers' lead swung from one to the other every ~20 windows and each
     * in turn parked at the lead for 20-40 ms (2 GB scan, 2 workers: 70-300 ms of lead waits per
     * reader a run). At 0.02 no reader waited in 9 runs, processing wall -1..-18 % (median -5 %,
     * 6 interleaved rounds); with one core half taken by a busy loop it still followed the cores
     * (2 GB: 6.3 s against 7.1-7.7 s at 0.05, 2 rounds).
     */
    static final double GAIN = 0.02;
    static final double DECAY = 0.8;
    static final double MIN_SHARE = 0.25;
    /** Most readers: owners are kept in bytes ({@link KeyOwners}). */
    static final int MAX_READERS = 127;
    /** Longs between two readers' position slots: one cache line (and more) each. */
    private static final int STRIDE = 16;

    private final int readers;
    private final FrameKey key;
    private final KeyOwners owners = new KeyOwners(4096);
    private final double[] weight;
    private final double[] recent;
    private final AtomicLongArray position;
    /** Walk scratch: the positions read for one window's update. */
    private final long[] seen;

    FanoutBalancer(int readers, FrameKey key) {
        if (readers < 1 || readers > MAX_READERS) {
            throw new IllegalArgumentException("1 to " + MAX_READERS + " readers, got " + readers);
        }
        this.readers = readers;
        this.key = key;
        this.weight = new double[readers];
        this.recent = new double[readers];
        this.position = new AtomicLongArray(readers * STRIDE);
        this.seen = new long[readers];
        java.util.Arrays.fill(weight, 1.0 / readers);
    }

    /** Reader {@code id} has reached record number {@code record} (call every few dozen records). */
    void reached(int id, long record) {
        position.lazySet(id * STRIDE, record);
    }

    /**
     * Walk: a new window's records come next; {@code recordsPerWindow} the last window's count, the
     * unit of a lag. Ages the recent frames and moves the weights by the readers' lags.
     */
    void nextWindow(int recordsPerWindow) {
        for (int i = 0; i < readers; i++) {
            recent[i] *= DECAY;
        }
        double mean = 0;
        for (int i = 0; i < readers; i++) {
            long p = position.get(i * STRIDE);
            if (p == 0) {
                return; // a reader has not started: its lag says nothing of its speed yet
            }
            seen[i] = p;
            mean += p;
        }
        mean /= readers;
        double unit = Math.max(1, recordsPerWindow);
        double sum = 0;
        for (int i = 0; i < readers; i++) {
            double lag = (seen[i] - mean) / unit;
            weight[i] *= 1 + GAIN * Math.max(-2, Math.min(2, lag));
            sum += weight[i];
        }
        // each keeps MIN_SHARE of an even share; the rest goes by what each has above that
        double floor = MIN_SHARE / readers;
        double above = 0;
        for (int i = 0; i < readers; i++) {
            weight[i] = Math.max(0, weight[i] / sum - floor);
            above += weight[i];
        }
        for (int i = 0; i < readers; i++) {
            weight[i] = floor + (1 - MIN_SHARE) * weight[i] / above; // above > 0: the floors sum to MIN_SHARE < 1
        }
    }

    /** Walk: the reader of the frame at {@code b[off, off + len)}; a frame without a key goes to reader 0. */
    int ownerOf(ByteBuffer b, int off, int len, int linkType) {
        long k = key.keyOf(b, off, len, linkType);
        int o;
        if (k == FrameKey.NONE) {
            o = 0;
        } else {
            o = owners.get(k);
            if (o < 0) {
                o = 0;
                double least = Double.MAX_VALUE;
                for (int i = 0; i < readers; i++) {
                    double load = recent[i] / weight[i];
                    if (load < least) {
                        least = load;
                        o = i;
                    }
                }
                owners.put(k, o);
            }
        }
        recent[o] += 1;
        return o;
    }

    /** Flow keys given a reader so far. */
    int keys() {
        return owners.size();
    }

    /** Reader {@code i}'s weight now (tests). */
    double weight(int i) {
        return weight[i];
    }
}
