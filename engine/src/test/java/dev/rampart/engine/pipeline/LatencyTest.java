package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyTest {
    @Test
    void percentilesOfMergedRecordersAndClampedOutliers() {
        Latency a = new Latency();
        Latency b = new Latency();
        for (int i = 1; i <= 990; i++) {
            a.record(100, 1); // 99 % at 100 µs
        }
        b.record(5_000, 9);
        b.record(Latency.HIGHEST_MICROS * 10, 1); // a stall beyond the range: clamped, not thrown
        b.record(-3, 0);
        a.add(b);
        assertEquals(1000, a.count());
        assertEquals(100, a.percentileMicros(50));
        assertEquals(100, a.percentileMicros(99));
        long p999 = a.percentileMicros(99.9);
        assertTrue(p999 >= 4_990 && p999 <= 5_010, "p99.9 lies in the 5 ms group: " + p999);
        Map<String, Object> m = new LinkedHashMap<>();
        a.writeTo(m, "rampart.latency.alert");
        assertEquals(1000L, StatsTree.get(m, "rampart.latency.alert.count"));
        assertEquals(1L, StatsTree.get(m, "rampart.latency.alert.clamped"));
        assertTrue((Long) StatsTree.get(m, "rampart.latency.alert.max_us") >= Latency.HIGHEST_MICROS);
        Map<String, Object> empty = new LinkedHashMap<>();
        new Latency().writeTo(empty, "x");
        assertEquals(0L, StatsTree.get(empty, "x.p99_us"));
    }
}
