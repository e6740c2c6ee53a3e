package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code url_decode;} — decodes URL encoding: {@code %xx} escapes and '+' as space. */
public record UrlDecode() implements TransformOption {
    public static final KeywordDef DEF = Transforms.flag("url_decode", UrlDecode::new);

    @Override
    public String keyword() {
        return "url_decode";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
