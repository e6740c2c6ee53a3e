package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OldGenTouchTest {
    @Test
    void chunksAreLargerThanTheLaunchersPretenuringThreshold() {
        // -XX:PretenureSizeThreshold=4m in the launcher: a chunk must be above it to land in the old generation
        assertTrue(OldGenTouch.CHUNK > 4 << 20);
    }

    @Test
    void touchesWholeChunksAndAtLeastOne() {
        assertEquals(3, OldGenTouch.touch(3L * OldGenTouch.CHUNK + 100));
        assertEquals(1, OldGenTouch.touch(1));
    }

    @Test
    void theRuleLoadEndsATouchWhereItGotTo() throws Exception {
        // far more than the test heap: unstopped, the thread would run until the heap is full
        withTouchMb("1000000", () -> {
            Thread t = OldGenTouch.start(new String[0]);
            assertNotNull(t);
            OldGenTouch.beforeRuleLoad(0);
            assertFalse(t.isAlive(), "the touch thread has ended once the rule load begins");
            // a second call (no touch running) does nothing
            OldGenTouch.beforeRuleLoad(0);
            assertEquals(1, OldGenTouch.touch(1), "a stop applies to the touch it ended, not to later ones");
        });
    }

    @Test
    void aLargeCaptureLetsTheTouchReachItsSize() throws Exception {
        // a few chunks: done well within the wait, and the thread ends on its own having touched them all
        withTouchMb(Long.toString((3L * OldGenTouch.CHUNK >> 20) + 1), () -> {
            Thread t = OldGenTouch.start(new String[0]);
            assertNotNull(t);
            long t0 = System.nanoTime();
            assertTrue(OldGenTouch.beforeRuleLoad(OldGenTouch.FINISH_WAIT_NANOS));
            assertFalse(t.isAlive());
            assertEquals(3, OldGenTouch.lastTouched(), "every chunk, not where a stop found it");
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L);
            // far more than the heap: the wait is bounded, then the touch is stopped where it got to
            System.setProperty("rampart.old-gen-touch-mb", "1000000");
            Thread big = OldGenTouch.start(new String[0]);
            long t1 = System.nanoTime();
            assertTrue(OldGenTouch.beforeRuleLoad(50_000_000L));
            assertFalse(big.isAlive(), "stopped after the wait");
            assertTrue(System.nanoTime() - t1 < 30_000_000_000L, "the wait is bounded");
        });
    }

    @Test
    void aCaptureOverHalfAGibTouchesMoreUpToTheOldGenerationsRoom() {
        assertEquals(160, OldGenTouch.sizeMb(160, 0, 216), "no capture named");
        assertEquals(160, OldGenTouch.sizeMb(160, 500_000_000L, 216), "a 500 MB capture: the launcher's size");
        assertEquals(160 + 24, OldGenTouch.sizeMb(160, 1024L << 20, 216), "1 GiB: 48 MB per GiB past 512 MiB");
        assertEquals(216, OldGenTouch.sizeMb(160, 2_125_603_787L, 216), "2 GB: as far as the room goes");
        assertEquals(160, OldGenTouch.sizeMb(160, 8L << 30, 100), "never less than the launcher's size");
    }

    @Test
    void theCaptureIsTheFileAfterDashR(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.write(dir.resolve("c.pcap"), new byte[1234]);
        assertEquals(1234, OldGenTouch.captureBytes(new String[] {"scan", "-r", f.toString(), "-q"}));
        assertEquals(1234, OldGenTouch.captureBytes(new String[] {"scan", "-r" + f}));
        assertEquals(1234, OldGenTouch.captureBytes(new String[] {"scan", "-r=" + f}), "picocli takes -r=FILE too");
        assertEquals(0, OldGenTouch.captureBytes(new String[] {"scan", "-r", dir.resolve("missing.pcap").toString()}));
        assertEquals(0, OldGenTouch.captureBytes(new String[] {"scan", "-i", "lo"}));
        assertEquals(0, OldGenTouch.captureBytes(new String[] {"scan", "-r"}));
    }

    @Test
    void theRoomLeavesTheMarginOfTheCommittedHeap() {
        long room = OldGenTouch.oldGenRoomMb();
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20;
        assertTrue(room >= 0);
        assertTrue(room == 0 || room + OldGenTouch.ROOM_MARGIN_MB <= heap, room + " MB of room in a " + heap + " MB heap");
    }

    @Test
    void nothingStartsWithoutTheLaunchersSetting() throws Exception {
        withTouchMb(null, () -> {
            assertNull(OldGenTouch.start(new String[0]));
            System.setProperty("rampart.old-gen-touch-mb", "0");
            assertNull(OldGenTouch.start(new String[0]));
        });
    }

    /** Work that may throw, for {@link #withTouchMb}. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} with {@code -Drampart.old-gen-touch-mb} set to {@code mb} (null: unset), then puts
     * back what the property was.
     */
    static void withTouchMb(String mb, Work work) throws Exception {
        String before = System.getProperty("rampart.old-gen-touch-mb");
        try {
            if (mb == null) {
                System.clearProperty("rampart.old-gen-touch-mb");
            } else {
                System.setProperty("rampart.old-gen-touch-mb", mb);
            }
            work.run();
        } finally {
            if (before == null) {
                System.clearProperty("rampart.old-gen-touch-mb");
            } else {
                System.setProperty("rampart.old-gen-touch-mb", before);
            }
        }
    }
}
