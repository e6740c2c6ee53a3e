package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code dotprefix;} — prepends a '.' to the buffer, so that a content {@code .example.com} with endswith matches the domain and its subdomains only. */
public record Dotprefix() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("dotprefix", Dotprefix::new);

    @Override
    public String keyword() {
        return "dotprefix";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
