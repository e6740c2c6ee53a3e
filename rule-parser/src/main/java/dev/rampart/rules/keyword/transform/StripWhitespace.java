package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.ByteString;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code strip_whitespace;} — removes all white space from the buffer. */
public record StripWhitespace() implements TransformOption, ContentCheck {
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

    /** A content with white space can never match a buffer without any. */
    @Override
    public boolean accepts(ByteString content) {
        for (int i = 0; i < content.length(); i++) {
            if (ContentCheck.isSpace(content.byteAt(i) & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
