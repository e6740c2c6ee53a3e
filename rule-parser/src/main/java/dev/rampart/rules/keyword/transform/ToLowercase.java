package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_lowercase;} — converts the buffer to lower case (ASCII). */
public record ToLowercase() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("to_lowercase", ToLowercase::new);

    @Override
    public String keyword() {
        return "to_lowercase";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
