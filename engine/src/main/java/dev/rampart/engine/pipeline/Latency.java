package dev.rampart.engine.pipeline;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, one recorder per worker thread (no sharing, no allocation while
 * recording), merged once at the end. Values past the trackable range are clamped to it and
 * counted, so a stalled run cannot throw from the hot path.
 */
public final class Latency {
    /** 10 minutes: beyond any packet's life in the pipeline. */
    static final long HIGHEST_MICROS = 600_000_000L;

    private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    private long clamped;

    /** Records one value (negative values, from a clock step, count as 0). */
    public void record(long micros, long count) {
        if (micros > HIGHEST_MICROS) {
            micros = HIGHEST_MICROS;
            clamped += count;
        } else if (micros < 0) {
            micros = 0;
        }
        histogram.recordValueWithCount(micros, count);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Adds another recorder's values (both must be quiescent). */
    public void add(Latency other) {
        histogram.add(other.histogram);
        clamped += other.clamped;
    }

    public long percentileMicros(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** {@code prefix.count}, {@code p50_us}, {@code p99_us}, {@code p999_us}, {@code max_us} (and {@code clamped} when any). */
    public void writeTo(Map<String, Object> root, String prefix) {
        StatsTree.put(root, prefix + ".count", count());
        StatsTree.put(root, prefix + ".p50_us", percentileMicros(50));
        StatsTree.put(root, prefix + ".p99_us", percentileMicros(99));
        StatsTree.put(root, prefix + ".p999_us", percentileMicros(99.9));
        StatsTree.put(root, prefix + ".max_us", count() == 0 ? 0L : histogram.getMaxValue());
        if (clamped > 0) {
            StatsTree.put(root, prefix + ".clamped", clamped);
        }
    }
}
