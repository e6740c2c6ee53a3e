package dev.rampart.rules.keyword.transform;

import dev.rampart.rules.ByteString;

/**
 * A transform that refuses contents it can never produce (Suricata's TransformValidate): a content
 * with upper case letters after to_lowercase, white space after strip_whitespace, ...
 */
interface ContentCheck {
    /** Whether a content with these bytes can match the transformed buffer. */
    boolean accepts(ByteString content);

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == 0x0C || c == '\r';
    }
}
