package dev.rampart.engine.detect.seclang.transform;

/** {@code t:normalizePath} (also spelled normalisePath): see {@link PathNormalizer}. */
public final class NormalizePath implements Transformation {
    @Override
    public String apply(String value) {
        return PathNormalizer.normalize(value, false);
    }
}
