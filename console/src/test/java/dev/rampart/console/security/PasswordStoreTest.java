package dev.rampart.console.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesASaltedPbkdf2HashOnlyAndVerifies() throws Exception {
        Path f = dir.resolve("password");
        PasswordStore s = new PasswordStore(f, new SecureRandom());
        assertFalse(s.isSet());
        assertThrows(IllegalArgumentException.class, () -> s.setInitial("admin", "short"));
        assertTrue(s.setInitial("admin", "a long enough secret"));
        assertFalse(s.setInitial("admin", "another long secret"), "only the first start sets it");
        String line = Files.readString(f).strip();
        String[] p = line.split(":");
        assertEquals("admin", p[0]);
        assertEquals("pbkdf2-sha256", p[1]);
        assertEquals(String.valueOf(PasswordStore.ITERATIONS), p[2]);
        assertEquals(16, java.util.Base64.getDecoder().decode(p[3]).length);
        assertEquals(32, java.util.Base64.getDecoder().decode(p[4]).length);
        assertFalse(line.contains("secret"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));

        PasswordStore again = new PasswordStore(f, new SecureRandom());
        assertTrue(again.verify("admin", "a long enough secret"));
        assertFalse(again.verify("admin", "a long enough secreT"));
        assertFalse(again.verify("root", "a long enough secret"));
        assertFalse(again.verify("admin", null));

        // a second store with the same password gets another salt, so another hash
        Path g = dir.resolve("other");
        new PasswordStore(g, new SecureRandom()).setInitial("admin", "a long enough secret");
        assertNotEquals(Files.readString(f), Files.readString(g));
    }

    @Test
    void sessionsHaveRandomIdsNewAtLoginAndExpireWhenIdle() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SessionStore sessions = new SessionStore(new SecureRandom(), clock);
        SessionStore.Session anon = sessions.anonymous();
        assertFalse(anon.loggedIn());
        assertEquals(43, anon.id.length(), "256 bits, base64url");
        assertNotEquals(anon.id, anon.csrf);
        SessionStore.Session in = sessions.login(anon, "admin");
        assertNull(sessions.find(anon.id), "the pre-login id is dropped");
        assertNotNull(sessions.find(in.id));
        assertTrue(in.csrfMatches(in.csrf));
        assertFalse(in.csrfMatches(anon.csrf));
        assertFalse(in.csrfMatches(null));
        now[0] = now[0].plus(SessionStore.IDLE).plus(Duration.ofSeconds(1));
        assertNull(sessions.find(in.id), "idle too long");
    }
}
