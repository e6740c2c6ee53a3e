package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code strip_whitespace;} — removes all white space from the buffer. */
public record StripWhitespace() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("strip_whitespace", StripWhitespace::new);

    @Override
    public String keyword() {
        return "strip_whitespace";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
