package dev.rampart.engine.detect.seclang.transform;

/** {@code t:replaceNulls}: every NUL byte becomes a space. */
public final class ReplaceNulls implements Transformation {
    @Override
    public String apply(String value) {
        return value.replace('\0', ' ');
    }
}
