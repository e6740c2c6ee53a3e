package dev.rampart.engine.detect.seclang.transform;

/** {@code t:length}: the value's length in bytes, as decimal text. */
public final class Length implements Transformation {
    @Override
    public String apply(String value) {
        String len = Integer.toString(value.length());
        return len.equals(value) ? value : len;
    }
}
