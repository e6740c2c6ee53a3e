package dev.rampart.console.security;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing at the login form: per client address, the first {@link #FREE_FAILURES}
 * failed logins cost nothing extra; each one after that locks the address out for twice as long
 * as the last (1 s, 2 s, 4 s ... up to {@link #MAX_LOCK_MILLIS}). A locked-out attempt is refused
 * before the password is hashed, so guessing also cannot burn the server's CPU on PBKDF2. A
 * successful login clears the address; an address quiet for {@link #FORGET_MILLIS} is forgotten.
 * The table is bounded: when full, forgotten and unlocked entries go first, then any.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final long MAX_LOCK_MILLIS = 15 * 60_000L;
    public static final long FORGET_MILLIS = 60 * 60_000L;
    static final int MAX_ADDRESSES = 10_000;

    private static final class Failures {
        int count;
        long lastFailureMillis;
        long lockedUntilMillis;
    }

    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Milliseconds this address must still wait before a login attempt is heard; 0 when it may try now. */
    public long waitMillis(String address) {
        Failures f = byAddress.get(key(address));
        if (f == null) {
            return 0;
        }
        synchronized (f) {
            return Math.max(0, f.lockedUntilMillis - clock.millis());
        }
    }

    /** Records a failed login from this address; returns the lock-out it now has (0 while failures are free). */
    public long failed(String address) {
        long now = clock.millis();
        String k = key(address);
        if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(k)) {
            evict(now);
        }
        Failures f = byAddress.computeIfAbsent(k, x -> new Failures());
        synchronized (f) {
            if (now - f.lastFailureMillis > FORGET_MILLIS) {
                f.count = 0;
            }
            f.count++;
            f.lastFailureMillis = now;
            int over = f.count - FREE_FAILURES;
            // the shift stops at 20: 1000 << 20 is already past the cap
            long lock = over <= 0 ? 0 : Math.min(MAX_LOCK_MILLIS, 1000L << Math.min(over - 1, 20));
            f.lockedUntilMillis = lock == 0 ? 0 : now + lock;
            return lock;
        }
    }

    /** A successful login: the address starts afresh. */
    public void succeeded(String address) {
        byAddress.remove(key(address));
    }

    int size() {
        return byAddress.size();
    }

    private void evict(long now) {
        // a forgotten address is unlocked too: its lock-out (at most MAX_LOCK_MILLIS) ended before FORGET_MILLIS
        byAddress.values().removeIf(f -> f.lockedUntilMillis <= now);
        if (byAddress.size() >= MAX_ADDRESSES) {
            // every address is locked and recent: drop an arbitrary one rather than grow without bound
            Iterator<String> it = byAddress.keySet().iterator();
            if (it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    private static String key(String address) {
        return address == null ? "" : address;
    }
}
