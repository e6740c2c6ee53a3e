package dev.rampart.cli.sensor;

import java.util.Locale;

/**
 * The periodic one-line summary on stderr: rates over the last interval (packets/s, Mbit/s),
 * totals (received, inspected, drops by reason, alerts) and each worker's share of the interval's
 * packets, so a hot worker (a flow-hash imbalance) shows.
 */
final class StatsLine {
    private Sensor.Snapshot last;

    StatsLine(Sensor.Snapshot start) {
        this.last = start;
    }

    /** The line for the interval since the previous call. */
    String next(Sensor.Snapshot now) {
        double secs = Math.max(1e-9, (now.nanos() - last.nanos()) / 1e9);
        long pkts = now.received() - last.received();
        long bytes = now.bytes() - last.bytes();
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(Locale.ROOT, "stats: %.0f pkt/s %.2f Mbit/s | received %d inspected %d "
                + "dropped ring_full %d kernel %d | alerts %d (+%d) | rules gen %d | workers",
                pkts / secs, bytes * 8 / 1e6 / secs, now.received(), now.inspected(), now.ringDrops(),
                now.kernelDrops(), now.alerts(), now.alerts() - last.alerts(), now.generation()));
        long total = now.inspected() - last.inspected();
        for (int i = 0; i < now.perWorker().length; i++) {
            long n = now.perWorker()[i] - (i < last.perWorker().length ? last.perWorker()[i] : 0);
            b.append(String.format(Locale.ROOT, " %d:%.0f%%", i, total == 0 ? 0.0 : 100.0 * n / total));
        }
        last = now;
        return b.toString();
    }
}
