package dev.rampart.engine.detect.mpm;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Each scanning thread keeps its own slot: another thread's scans neither replace nor share it. */
class ScanSlotTest {
    @Test
    void twoThreadsScanningByTurnsKeepTheirOwnSlots() throws Exception {
        CyclicBarrier turn = new CyclicBarrier(2);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        HyperscanMatcher.ScanSlot[] first = new HyperscanMatcher.ScanSlot[2];
        Thread[] threads = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int me = k;
            threads[k] = new Thread(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        turn.await(); // the two threads alternate with every round
                        HyperscanMatcher.ScanSlot s = HyperscanMatcher.ScanSlot.ofThisThread();
                        assertSame(Thread.currentThread(), s.thread);
                        if (first[me] == null) {
                            first[me] = s;
                        }
                        assertSame(first[me], s, "one slot per thread");
                        turn.await();
                        // the other thread has scanned since: this thread's kept slot is still its own
                        assertSame(s, HyperscanMatcher.ScanSlot.kept(Thread.currentThread()), "round " + round);
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                    turn.reset();
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
        assertNotSame(first[0], first[1]);
        // threads made one after another (a pipeline's workers) get entries of their own, a cache line apart
        int a = HyperscanMatcher.ScanSlot.index(threads[0]);
        int b = HyperscanMatcher.ScanSlot.index(threads[1]);
        assertNotEquals(a, b);
        assertTrue(Math.abs(a - b) * 4 >= 128, "entries " + a + " and " + b);
    }

    /**
     * A slot's written fields lie 128 bytes or more from either end of the object, so two slots
     * that a collection copied next to each other never share a cache line (or its prefetched pair).
     */
    @Test
    void aSlotsFieldsArePaddedOnBothSides() throws Exception {
        java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
        long thread = u.objectFieldOffset(HyperscanMatcher.ScanSlotFields.class.getDeclaredField("thread"));
        long scratch = u.objectFieldOffset(HyperscanMatcher.ScanSlotFields.class.getDeclaredField("scratch"));
        long lastPad = 0;
        for (java.lang.reflect.Field p : HyperscanMatcher.ScanSlot.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(p.getModifiers())) {
                lastPad = Math.max(lastPad, u.objectFieldOffset(p));
            }
        }
        assertTrue(Math.min(thread, scratch) >= 128, "fields at " + thread + ", " + scratch);
        // the last padding long ends the object: 128 bytes of it after the fields
        assertTrue(lastPad + 8 - Math.max(thread, scratch) >= 128 + 4, "last padding at " + lastPad);
    }
}
