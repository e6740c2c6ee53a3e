package dev.rampart.console.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void freeFailuresThenDoublingLockOutUpToTheCap() {
        HandClock clock = new HandClock();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertEquals(0, t.failed("10.0.0.1"), "failure " + (i + 1) + " is free");
            assertEquals(0, t.waitMillis("10.0.0.1"));
        }
        assertEquals(1000, t.failed("10.0.0.1"));
        assertEquals(1000, t.waitMillis("10.0.0.1"));
        clock.millis += 400;
        assertEquals(600, t.waitMillis("10.0.0.1"));
        assertEquals(0, t.waitMillis("10.0.0.2"), "another address is not locked");
        clock.millis += 600;
        assertEquals(0, t.waitMillis("10.0.0.1"));
        assertEquals(2000, t.failed("10.0.0.1"));
        assertEquals(4000, t.failed("10.0.0.1"));
        for (int i = 0; i < 30; i++) {
            t.failed("10.0.0.1");
        }
        assertEquals(LoginThrottle.MAX_LOCK_MILLIS, t.waitMillis("10.0.0.1"));
    }

    @Test
    void successClearsAndQuietAddressesAreForgotten() {
        HandClock clock = new HandClock();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES + 1; i++) {
            t.failed("a");
        }
        assertTrue(t.waitMillis("a") > 0);
        t.succeeded("a");
        assertEquals(0, t.waitMillis("a"));
        assertEquals(0, t.failed("a"), "counting starts again after a good login");
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            t.failed("b");
        }
        clock.millis += LoginThrottle.FORGET_MILLIS + 1;
        assertEquals(0, t.failed("b"), "an old run of failures is forgotten");
    }

    @Test
    void theTableStaysBounded() {
        HandClock clock = new HandClock();
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 500; i++) {
            t.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertTrue(t.size() <= LoginThrottle.MAX_ADDRESSES, "size " + t.size());
    }
}
