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
    void theRuleLoadEndsATouchWhereItGotTo() {
        String before = System.getProperty("rampart.old-gen-touch-mb");
        // far more than the test heap: unstopped, the thread would run until the heap is full
        System.setProperty("rampart.old-gen-touch-mb", "1000000");
        try {
            Thread t = OldGenTouch.start();
            assertNotNull(t);
            OldGenTouch.beforeRuleLoad();
            assertFalse(t.isAlive(), "the touch thread has ended once the rule load begins");
            // a second call (no touch running) does nothing
            OldGenTouch.beforeRuleLoad();
            assertEquals(1, OldGenTouch.touch(1), "a stop applies to the touch it ended, not to later ones");
        } finally {
            if (before == null) {
                System.clearProperty("rampart.old-gen-touch-mb");
            } else {
                System.setProperty("rampart.old-gen-touch-mb", before);
            }
        }
    }

    @Test
    void nothingStartsWithoutTheLaunchersSetting() {
        String before = System.getProperty("rampart.old-gen-touch-mb");
        System.clearProperty("rampart.old-gen-touch-mb");
        try {
            assertNull(OldGenTouch.start());
            System.setProperty("rampart.old-gen-touch-mb", "0");
            assertNull(OldGenTouch.start());
        } finally {
            if (before == null) {
                System.clearProperty("rampart.old-gen-touch-mb");
            } else {
                System.setProperty("rampart.old-gen-touch-mb", before);
            }
        }
    }
}
