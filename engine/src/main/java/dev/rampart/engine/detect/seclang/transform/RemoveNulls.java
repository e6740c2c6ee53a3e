package dev.rampart.engine.detect.seclang.transform;

/** {@code t:removeNulls}: drops every NUL byte. */
public final class RemoveNulls implements Transformation {
    @Override
    public String apply(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
