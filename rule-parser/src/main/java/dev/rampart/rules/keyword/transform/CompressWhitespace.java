package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code compress_whitespace;} — replaces each run of white space with a single space. */
public record CompressWhitespace() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("compress_whitespace", CompressWhitespace::new);

    @Override
    public String keyword() {
        return "compress_whitespace";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
