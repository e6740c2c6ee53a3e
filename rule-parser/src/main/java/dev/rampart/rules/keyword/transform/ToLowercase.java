package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.ByteString;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_lowercase;} — converts the buffer to lower case (ASCII). */
public record ToLowercase() implements TransformOption, ContentCheck {
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

    /** A content with an upper case letter can never match a lower-cased buffer. */
    @Override
    public boolean accepts(ByteString content) {
        for (int i = 0; i < content.length(); i++) {
            int c = content.byteAt(i) & 0xFF;
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }
}
