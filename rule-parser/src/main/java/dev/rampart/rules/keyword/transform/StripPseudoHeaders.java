package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code strip_pseudo_headers;} — removes HTTP/2 pseudo headers ({@code :method}, {@code :path}, ...) from a header buffer. */
public record StripPseudoHeaders() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("strip_pseudo_headers", StripPseudoHeaders::new);

    @Override
    public String keyword() {
        return "strip_pseudo_headers";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
