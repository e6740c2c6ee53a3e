package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_sha256;} — replaces the buffer with its SHA-256 hash (32 bytes). */
public record ToSha256() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("to_sha256", ToSha256::new);

    @Override
    public String keyword() {
        return "to_sha256";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
