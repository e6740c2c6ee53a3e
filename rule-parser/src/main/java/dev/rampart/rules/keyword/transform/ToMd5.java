package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_md5;} — replaces the buffer with its MD5 hash (16 bytes). */
public record ToMd5() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("to_md5", ToMd5::new);

    @Override
    public String keyword() {
        return "to_md5";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
