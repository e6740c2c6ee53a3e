package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:removeComments}: drops C comments and HTML comments; "--" or "#" outside a comment ends
 * the value there (rest of line comment). ModSecurity 2.9.7 quirks kept: the byte right after a
 * closing {@code *}{@code /} or {@code -->} is copied unexamined (a NUL when the value ends there),
 * and an unterminated comment leaves one space.
 */
public final class RemoveComments implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length();
        char[] out = new char[n + 1];
        int j = 0;
        int i = 0;
        boolean inComment = false;
        while (i < n) {
            char c = value.charAt(i);
            if (!inComment) {
                if (c == '/' && RemoveCommentsChar.at(value, i + 1, '*')) {
                    inComment = true;
                    i += 2;
                } else if (c == '<' && RemoveCommentsChar.at(value, i + 1, '!') && RemoveCommentsChar.at(value, i + 2, '-')
                        && RemoveCommentsChar.at(value, i + 3, '-')) {
                    inComment = true;
                    i += 4;
                } else if ((c == '-' && RemoveCommentsChar.at(value, i + 1, '-')) || c == '#') {
                    break;
                } else {
                    out[j++] = c;
                    i++;
                }
            } else {
                int close = 0;
                if (c == '*' && RemoveCommentsChar.at(value, i + 1, '/')) {
                    close = 2;
                } else if (c == '-' && RemoveCommentsChar.at(value, i + 1, '-') && RemoveCommentsChar.at(value, i + 2, '>')) {
                    close = 3;
                }
                if (close > 0) {
                    inComment = false;
                    i += close;
                    // ModSecurity copies the next byte, reading its NUL terminator at the end.
                    out[j++] = i < n ? value.charAt(i) : '\0';
                    i++;
                } else {
                    i++;
                }
            }
        }
        if (inComment) {
            out[j++] = ' ';
        }
        return Latin1.result(value, out, j);
    }
}
