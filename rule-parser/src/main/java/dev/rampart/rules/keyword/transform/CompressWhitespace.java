package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.ByteString;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.KeywordDef;

/** {@code compress_whitespace;} — replaces each run of white space with a single space. */
public record CompressWhitespace() implements TransformOption, ContentCheck {
    public static final KeywordDef DEF = Transforms.flag("compress_whitespace", CompressWhitespace::new);

    @Override
    public String keyword() {
        return "compress_whitespace";
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }

    /** A content with two white space characters in a row can never match. */
    @Override
    public boolean accepts(ByteString content) {
        boolean space = false;
        for (int i = 0; i < content.length(); i++) {
            boolean s = ContentCheck.isSpace(content.byteAt(i) & 0xFF);
            if (s && space) {
                return false;
            }
            space = s;
        }
        return true;
    }
}
