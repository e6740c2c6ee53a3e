package dev.rampart.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunQueueClockTest {
    @Test
    void readsTheWaitFieldOfSchedstat() {
        assertEquals(2_000_000L, RunQueueClock.parseWait("123456789 2000000 17\n"));
        assertEquals(-1L, RunQueueClock.parseWait("123 456"), "two fields: not schedstat");
        assertEquals(-1L, RunQueueClock.parseWait("1 x 3"));
        assertEquals(-1L, RunQueueClock.parseWait("1 -5 3"));
        assertEquals(-1L, RunQueueClock.parseWait(""));
    }

    @Test
    void elapsedIsUnknownWhenEitherEndIs() {
        assertEquals(3L, RunQueueClock.elapsedMillis(1_000_000, 4_500_000));
        assertEquals(-1L, RunQueueClock.elapsedMillis(-1, 4_500_000));
        assertEquals(-1L, RunQueueClock.elapsedMillis(1_000_000, -1));
    }

    @Test
    void aBusyThreadSharingOneCpuWaitsOnTheRunQueue() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "Linux schedstat");
        long before = RunQueueClock.waitedNanos();
        assertTrue(before >= 0);
        // more spinning threads than CPUs for a while: each of them, this one too, waits its turns
        int n = Runtime.getRuntime().availableProcessors() + 1;
        Thread[] spinners = new Thread[n];
        long until = System.nanoTime() + 300_000_000L;
        for (int i = 0; i < n; i++) {
            spinners[i] = new Thread(() -> {
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            spinners[i].start();
        }
        long x = 0;
        while (System.nanoTime() < until) {
            x++;
        }
        for (Thread t : spinners) {
            t.join();
        }
        long after = RunQueueClock.waitedNanos();
        assertTrue(x > 0);
        assertTrue(after > before, "waited " + (after - before) + " ns while " + (n + 1) + " threads spun");
    }
}
