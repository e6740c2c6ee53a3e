package dev.rampart.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SparesTest {
    @Test
    void lastGivenFirstTakenAndNothingBeyondTheBound() {
        Spares<Object> s = new Spares<>(3);
        assertNull(s.take(), "empty: the caller makes a new one");
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        Object d = new Object();
        s.give(a);
        s.give(b);
        s.give(c);
        s.give(d); // over the bound: dropped
        assertEquals(3, s.size());
        assertEquals(3, s.max());
        assertSame(c, s.take());
        assertSame(b, s.take());
        s.give(d);
        assertSame(d, s.take());
        assertSame(a, s.take());
        assertNull(s.take());
        assertEquals(0, s.size());
    }
}
