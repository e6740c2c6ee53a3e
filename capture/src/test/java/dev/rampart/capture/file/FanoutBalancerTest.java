package dev.rampart.capture.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.FrameKey;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The balanced fanout's owner choice: a new key goes to the reader with the fewest recent frames
 * for its weight and keeps it; the weights follow the readers' lag, within bounds.
 */
class FanoutBalancerTest {
    /** The frame's key is its first long; {@link FrameKey#NONE} there means no key. */
    private static final FrameKey FIRST_LONG = (b, off, len, lt) -> b.getLong(off);

    private static int owner(FanoutBalancer bal, long key) {
        ByteBuffer b = ByteBuffer.allocate(8).putLong(0, key);
        return bal.ownerOf(b, 0, 8, 1);
    }

    @Test
    void newKeysGoToTheReaderWithFewestRecentFramesAndStayThere() {
        FanoutBalancer bal = new FanoutBalancer(3, FIRST_LONG);
        assertEquals(0, owner(bal, 100));
        assertEquals(1, owner(bal, 200));
        assertEquals(2, owner(bal, 300));
        for (int i = 0; i < 10; i++) { // key 100's flow is busy: reader 0 has the most recent frames
            assertEquals(0, owner(bal, 100));
        }
        assertEquals(1, owner(bal, 400));
        assertEquals(2, owner(bal, 500));
        assertEquals(1, owner(bal, 600), "1 and 2 have 2 frames each; the lower number wins a tie");
        assertEquals(2, owner(bal, 700));
        assertEquals(0, owner(bal, 100), "a key keeps its reader");
        assertEquals(0, owner(bal, FrameKey.NONE), "no key: reader 0");
        assertEquals(0, owner(bal, FrameKey.NONE));
        assertEquals(7, bal.keys(), "frames without a key are not keys");
    }

    @Test
    void recentFramesAgeSoAnOldImbalanceDoesNotSteerForever() {
        FanoutBalancer bal = new FanoutBalancer(2, FIRST_LONG);
        assertEquals(0, owner(bal, 1));
        for (int i = 0; i < 99; i++) {
            owner(bal, 1); // reader 0: 100 frames
        }
        assertEquals(1, owner(bal, 2));
        for (int i = 0; i < 59; i++) {
            owner(bal, 2); // reader 1: 60 frames
        }
        assertEquals(1, owner(bal, 3), "100 against 60 frames");
        for (int w = 0; w < 30; w++) {
            bal.nextWindow(1000); // no reader has started: only the ageing
        }
        owner(bal, 1); // reader 0 gets one frame now, reader 1 none: that is what counts
        assertEquals(1, owner(bal, 4));
    }

    @Test
    void aReaderBehindTheOthersLosesWeightAndOneAheadGainsIt() {
        FanoutBalancer bal = new FanoutBalancer(2, FIRST_LONG);
        bal.reached(0, 5_000);
        bal.nextWindow(1_000);
        assertEquals(0.5, bal.weight(0), 1e-9, "reader 1 has not started: no lag yet");
        bal.reached(1, 3_000); // 2 windows behind reader 0
        bal.nextWindow(1_000);
        assertTrue(bal.weight(0) > 0.5 && bal.weight(1) < 0.5, bal.weight(0) + " " + bal.weight(1));
        assertEquals(1.0, bal.weight(0) + bal.weight(1), 1e-9);
        for (int w = 0; w < 200; w++) {
            bal.nextWindow(1_000);
        }
        assertEquals(FanoutBalancer.MIN_SHARE * 0.5, bal.weight(1), 1e-9, "never below a quarter of an even share");
        assertEquals(1 - FanoutBalancer.MIN_SHARE * 0.5, bal.weight(0), 1e-9);
        // reader 0 gets new keys until its recent frames are 7 times reader 1's
        int[] got = new int[2];
        for (long k = 1; k <= 800; k++) {
            got[owner(bal, k)]++;
        }
        assertEquals(700, got[0], java.util.Arrays.toString(got));
        assertEquals(100, got[1]);
        bal.reached(1, 9_000); // reader 1 catches up and passes: the weights turn back
        double before = bal.weight(1);
        bal.nextWindow(1_000);
        assertTrue(bal.weight(1) > before, bal.weight(1) + " after " + before);
    }

    @Test
    void readersInStepKeepEvenWeights() {
        FanoutBalancer bal = new FanoutBalancer(4, FIRST_LONG);
        for (int w = 1; w <= 50; w++) {
            for (int i = 0; i < 4; i++) {
                bal.reached(i, w * 1_000L + i); // within a few records of each other
            }
            bal.nextWindow(1_000);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(0.25, bal.weight(i), 0.01, "reader " + i);
        }
    }

    @Test
    void atMost127Readers() {
        assertThrows(IllegalArgumentException.class, () -> new FanoutBalancer(128, FIRST_LONG));
        assertThrows(IllegalArgumentException.class, () -> new FanoutBalancer(0, FIRST_LONG));
    }

    @Test
    void keyOwnersGrowAndKeepEveryKey() {
        KeyOwners o = new KeyOwners(16);
        java.util.Random r = new java.util.Random(7);
        long[] keys = new long[10_000];
        for (int i = 0; i < keys.length; i++) {
            long k;
            do {
                k = i % 3 == 0 ? r.nextLong() : i * 1024L; // hashes and plain numbers alike
            } while (k == FrameKey.NONE || o.get(k) >= 0);
            keys[i] = k;
            assertEquals(-1, o.get(k));
            o.put(k, i % 127);
        }
        assertEquals(keys.length, o.size());
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i % 127, o.get(keys[i]), "key " + i);
        }
        assertEquals(-1, o.get(FrameKey.NONE + 1));
    }
}
