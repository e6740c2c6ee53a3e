package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A recycled state (pooled by DetectStage when its flow ends) must carry nothing into the next flow. */
class FlowDetectStateTest {

    @Test
    void resetClearsBitsIntsStreamsAndFlags() {
        FlowDetectState s = new FlowDetectState(70, 3);
        s.set(69);
        s.set(1);
        s.setInt(2, 42);
        s.passed = true;
        s.ipOnlyToServerDone = true;
        s.ipOnlyToClientDone = true;
        s.stream(true).append(new byte[100], 0, 100, 1000);
        s.stream(false).append(new byte[StreamWindow.KEEP_ON_RECYCLE + 1], 0, StreamWindow.KEEP_ON_RECYCLE + 1, 5);
        assertTrue(s.isSet(69) && s.hasInt(2));

        s.reset();

        assertFalse(s.isSet(69));
        assertFalse(s.isSet(1));
        assertFalse(s.hasInt(2));
        assertEquals(0, s.intValue(2));
        assertFalse(s.passed || s.ipOnlyToServerDone || s.ipOnlyToClientDone);
        assertEquals(0, s.stream(true).length);
        assertEquals(0, s.stream(false).length);
        // a small buffer is kept for the next flow, a big one is let go
        assertTrue(s.stream(true).buf.length >= 100);
        assertEquals(0, s.stream(false).buf.length);
        // the next flow's first bytes start a fresh window at their own offset
        s.stream(true).append(new byte[] {1, 2}, 0, 2, 7);
        assertEquals(7, s.stream(true).startOffset);
        assertEquals(2, s.stream(true).length);
    }
}
