package dev.rampart.engine.detect.seclang.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Raw message digests over Latin-1 bytes, returned as Latin-1 (one char per digest byte). */
final class Digests {
    private Digests() {
    }

    static String digest(String algorithm, String value) {
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.ISO_8859_1));
            return new String(d, StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JRE", e);
        }
    }
}
