package dev.rampart.rules;

/**
 * A numeric keyword argument that may instead name a {@code byte_extract}/{@code byte_math}
 * variable (as Suricata allows for depth, offset, distance, within, byte_test values, ...).
 */
public record NumOrVar(long value, String var) {

    public static NumOrVar of(long value) {
        return new NumOrVar(value, null);
    }

    public static NumOrVar var(String name) {
        return new NumOrVar(0, name);
    }

    public boolean isVar() {
        return var != null;
    }

    @Override
    public String toString() {
        return var != null ? var : Long.toString(value);
    }
}
