package dev.rampart.rules.manage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** An expected digest of downloaded data: {@code sha256:HEX} or {@code md5:HEX}. */
public record Checksum(String algorithm, String hex) {

    public Checksum {
        if (!algorithm.equals("SHA-256") && !algorithm.equals("MD5")) {
            throw new IllegalArgumentException("checksum algorithm must be SHA-256 or MD5, not " + algorithm);
        }
        hex = hex.strip().toLowerCase(Locale.ROOT);
        int want = algorithm.equals("MD5") ? 32 : 64;
        if (hex.length() != want || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException(algorithm + " checksum must be " + want + " hex digits: \"" + hex + "\"");
        }
    }

    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex);
    }

    /** {@code sha256:HEX} or {@code md5:HEX}; a bare hex string is taken by its length (32 md5, 64 sha256). */
    public static Checksum parse(String spec) {
        String s = spec.strip();
        int colon = s.indexOf(':');
        if (colon > 0) {
            String alg = s.substring(0, colon).toLowerCase(Locale.ROOT).replace("-", "");
            String hex = s.substring(colon + 1);
            return switch (alg) {
                case "sha256" -> sha256(hex);
                case "md5" -> md5(hex);
                default -> throw new IllegalArgumentException("unknown checksum algorithm \"" + alg
                        + "\" (sha256 or md5)");
            };
        }
        return s.length() == 32 ? md5(s) : sha256(s);
    }

    /** Digest of data in this checksum's algorithm, as lowercase hex. */
    public static String digest(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    public boolean matches(byte[] data) {
        return digest(algorithm, data).equals(hex);
    }

    @Override
    public String toString() {
        return (algorithm.equals("MD5") ? "md5:" : "sha256:") + hex;
    }
}
