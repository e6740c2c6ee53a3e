package dev.rampart.engine.detect.seclang.transform;

/** {@code t:sha1}: the raw 20-byte SHA-1 digest as Latin-1 (not hex), as ModSecurity. */
public final class Sha1 implements Transformation {
    @Override
    public String apply(String value) {
        return Digests.digest("SHA-1", value);
    }
}
