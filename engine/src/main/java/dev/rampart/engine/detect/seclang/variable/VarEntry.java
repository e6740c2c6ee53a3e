package dev.rampart.engine.detect.seclang.variable;

/**
 * One value of a variable: for a collection ({@code ARGS}, {@code REQUEST_HEADERS}) its key and
 * value; for a scalar variable ({@code REQUEST_URI}) the key is empty. Both are byte strings as
 * Latin-1.
 */
public record VarEntry(String key, String value) {
}
