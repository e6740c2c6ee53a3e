package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.ByteString;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code to_uppercase;} — converts the buffer to upper case (ASCII). */
public record ToUppercase() implements TransformOption, ContentCheck {
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

    /** A content with a lower case letter can never match an upper-cased buffer. */
    @Override
    public boolean accepts(ByteString content) {
        for (int i = 0; i < content.length(); i++) {
            int c = content.byteAt(i) & 0xFF;
            if (c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }
}
