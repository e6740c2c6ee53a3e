package dev.rampart.console.security;

import dev.rampart.console.FileReplace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The operator's password, stored hashed in the state directory as one line
 * {@code user:pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash Base64): PBKDF2 with HMAC-SHA256,
 * a random 16-byte salt and {@link #ITERATIONS} iterations (OWASP's 2023 figure for this PRF).
 * The clear password is never kept or logged; {@link #verify} compares in constant time.
 */
public final class PasswordStore {
    public static final int ITERATIONS = 600_000;
    public static final int MIN_LENGTH = 10;
    private static final String ALGORITHM = "pbkdf2-sha256";
    private static final int HASH_BYTES = 32;

    private final Path file;
    private final SecureRandom random;
    private volatile String[] stored;

    public PasswordStore(Path file, SecureRandom random) throws IOException {
        this.file = file;
        this.random = random;
        this.stored = read(file);
    }

    /** True once a password was set (first start is over). */
    public boolean isSet() {
        return stored != null;
    }

    public String user() {
        String[] s = stored;
        return s == null ? null : s[0];
    }

    /** Why this password is refused, or null when it is acceptable. */
    public static String weakness(String user, String password) {
        if (user == null || !user.matches("[A-Za-z0-9_.-]{1,32}")) {
            return "user name: 1 to 32 letters, digits, '.', '_' or '-'";
        }
        if (password == null || password.length() < MIN_LENGTH) {
            return "password: at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > 1024) {
            return "password: at most 1024 characters";
        }
        return null;
    }

    /**
     * Sets the first password; refused (false) when one is already set, so that the first-start
     * page cannot replace it later.
     */
    public synchronized boolean setInitial(String user, String password) throws IOException {
        if (stored != null) {
            return false;
        }
        String weak = weakness(user, password);
        if (weak != null) {
            throw new IllegalArgumentException(weak);
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = hash(password.toCharArray(), salt, ITERATIONS);
        String line = user + ":" + ALGORITHM + ":" + ITERATIONS + ":" + b64(salt) + ":" + b64(hash);
        FileReplace.write(file, ".password", tmp -> {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own permissions protect it
            }
            Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
        });
        stored = read(file);
        return true;
    }

    /** True when {@code user} and {@code password} are the stored ones. */
    public boolean verify(String user, String password) {
        String[] s = stored;
        if (s == null || user == null || password == null) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(s[3]);
        byte[] expected = Base64.getDecoder().decode(s[4]);
        byte[] actual = hash(password.toCharArray(), salt, Integer.parseInt(s[2]));
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8), s[0].getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, actual) & userOk;
    }

    /** The stored line's fields, or null when there is no password file. */
    private static String[] read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        String[] f = line.split(":");
        if (f.length != 5 || !ALGORITHM.equals(f[1]) || !f[2].matches("\\d{1,9}")) {
            throw new IOException(file + ": not a Rampart password file (expected user:" + ALGORITHM
                    + ":iterations:salt:hash); delete it to set a new password at the next start");
        }
        return f;
    }

    static byte[] hash(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
