package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code header_lowercase;} — lower-cases the header names (not the values) of an HTTP header buffer. */
public record HeaderLowercase() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("header_lowercase", HeaderLowercase::new);

    @Override
    public String keyword() {
        return "header_lowercase";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
