package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_uppercase;} — converts the buffer to upper case (ASCII). */
public record ToUppercase() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("to_uppercase", ToUppercase::new);

    @Override
    public String keyword() {
        return "to_uppercase";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
