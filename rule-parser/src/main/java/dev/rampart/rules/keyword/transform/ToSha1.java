package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_sha1;} — replaces the buffer with its SHA-1 hash (20 bytes). */
public record ToSha1() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("to_sha1", ToSha1::new);

    @Override
    public String keyword() {
        return "to_sha1";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
