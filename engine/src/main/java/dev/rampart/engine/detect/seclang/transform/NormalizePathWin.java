package dev.rampart.engine.detect.seclang.transform;

/** {@code t:normalizePathWin} (also normalisePathWin): backslashes become slashes, then {@link PathNormalizer}. */
public final class NormalizePathWin implements Transformation {
    @Override
    public String apply(String value) {
        return PathNormalizer.normalize(value, true);
    }
}
