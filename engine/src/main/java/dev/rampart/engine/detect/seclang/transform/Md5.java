package dev.rampart.engine.detect.seclang.transform;

/** {@code t:md5}: the raw 16-byte MD5 digest as Latin-1 (not hex), as ModSecurity. */
public final class Md5 implements Transformation {
    @Override
    public String apply(String value) {
        return Digests.digest("MD5", value);
    }
}
