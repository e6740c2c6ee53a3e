package dev.rampart.console.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions: a random 256-bit id (the cookie) mapping to a CSRF token and, once logged in,
 * the operator. A session starts anonymous (the login and first-start forms carry its CSRF token
 * too) and gets a new id at login, so an id seen before login is worth nothing after. Idle
 * sessions expire.
 */
public final class SessionStore {
    public static final String COOKIE = "rampart_session";
    public static final Duration IDLE = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 10_000;

    /** One session; {@code user} is null until login. */
    public static final class Session {
        public final String id;
        public final String csrf;
        public final String user;
        volatile long lastSeenMillis;

        Session(String id, String csrf, String user, long now) {
            this.id = id;
            this.csrf = csrf;
            this.user = user;
            this.lastSeenMillis = now;
        }

        public boolean loggedIn() {
            return user != null;
        }

        /** Constant-time comparison of a submitted CSRF token with this session's. */
        public boolean csrfMatches(String submitted) {
            return submitted != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.US_ASCII),
                    submitted.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    public SessionStore(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** The live session with this id, or null (unknown or expired). */
    public Session find(String id) {
        if (id == null) {
            return null;
        }
        Session s = sessions.get(id);
        if (s == null) {
            return null;
        }
        long now = clock.millis();
        if (now - s.lastSeenMillis > IDLE.toMillis()) {
            sessions.remove(id);
            return null;
        }
        s.lastSeenMillis = now;
        return s;
    }

    public Session anonymous() {
        return create(null);
    }

    /** A new logged-in session; the old one (if any) is dropped. */
    public Session login(Session old, String user) {
        if (old != null) {
            sessions.remove(old.id);
        }
        return create(user);
    }

    public void logout(Session s) {
        if (s != null) {
            sessions.remove(s.id);
        }
    }

    private Session create(String user) {
        if (sessions.size() >= MAX_SESSIONS) {
            purge();
        }
        Session s = new Session(token(), token(), user, clock.millis());
        sessions.put(s.id, s);
        return s;
    }

    private void purge() {
        long cutoff = clock.millis() - IDLE.toMillis();
        sessions.values().removeIf(s -> s.lastSeenMillis < cutoff || !s.loggedIn());
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public int size() {
        return sessions.size();
    }
}
