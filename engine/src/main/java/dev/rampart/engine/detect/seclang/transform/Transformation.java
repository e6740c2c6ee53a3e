package dev.rampart.engine.detect.seclang.transform;

/**
 * A ModSecurity transformation ({@code t:lowercase}, {@code t:urlDecodeUni}, ...) over a byte
 * string held as Latin-1 (one char per byte, every char below 256). Implementations are
 * stateless and thread-safe; they return their input unchanged (the same instance) when nothing
 * changes.
 */
@FunctionalInterface
public interface Transformation {
    String apply(String value);
}
