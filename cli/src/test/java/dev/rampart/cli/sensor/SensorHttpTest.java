package dev.rampart.cli.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus text and the stats line render a snapshot's counters. */
class SensorHttpTest {
    private static Sensor.Snapshot snap(long nanos, long received, long inspected, long ring, long alerts, long[] per) {
        return new Sensor.Snapshot(nanos, received, received * 100, inspected, ring, 7, 1, alerts, per, 3, 42, 2, 1,
                12.5);
    }

    @Test
    void prometheusTextIsFormat004WithRampartCounters() {
        String text = SensorHttp.prometheus(snap(0, 1000, 990, 10, 5, new long[] {600, 390}));
        Pattern sample = Pattern.compile("rampart_[a-z_]+(\\{[a-z_]+=\"[^\"]*\"\\})? [0-9.]+");
        for (String line : text.lines().toList()) {
            assertTrue(line.startsWith("# HELP rampart_") || line.startsWith("# TYPE rampart_")
                    || sample.matcher(line).matches(), line);
        }
        List<String> lines = text.lines().toList();
        assertTrue(lines.contains("rampart_capture_received_packets_total 1000"));
        assertTrue(lines.contains("rampart_inspected_packets_total 990"));
        assertTrue(lines.contains("rampart_dropped_packets_total{reason=\"ring_full\"} 10"));
        assertTrue(lines.contains("rampart_capture_kernel_drops_total 7"));
        assertTrue(lines.contains("rampart_worker_packets_total{worker=\"1\"} 390"));
        assertTrue(lines.contains("rampart_alerts_total 5"));
        assertTrue(lines.contains("rampart_rules_generation 3"));
        assertTrue(lines.contains("rampart_rule_reloads_total{result=\"failed\"} 1"));
        assertTrue(lines.contains("# TYPE rampart_alerts_total counter"));
        assertTrue(lines.contains("# TYPE rampart_rules_loaded gauge"));
    }

    @Test
    void statsLineGivesRatesOverTheIntervalAndWorkerShares() {
        StatsLine l = new StatsLine(snap(0, 0, 0, 0, 0, new long[] {0, 0}));
        String s = l.next(snap(2_000_000_000L, 1000, 1000, 0, 4, new long[] {750, 250}));
        assertEquals("stats: 500 pkt/s 0.40 Mbit/s | received 1000 inspected 1000 dropped ring_full 0 kernel 7 "
                + "| alerts 4 (+4) | rules gen 3 | workers 0:75% 1:25%", s);
        s = l.next(snap(3_000_000_000L, 1100, 1100, 0, 4, new long[] {750, 350}));
        assertTrue(s.startsWith("stats: 100 pkt/s"), s);
        assertTrue(s.endsWith("alerts 4 (+0) | rules gen 3 | workers 0:0% 1:100%"), s);
    }
}
