package dev.rampart.engine.detect.seclang.transform;

/** {@code t:removeCommentsChar}: drops the comment markers {@code /* *}{@code / <!-- --> -- #}, keeping what they enclose. */
public final class RemoveCommentsChar implements Transformation {
    @Override
    public String apply(String value) {
        int n = value.length();
        char[] out = new char[n];
        int j = 0;
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '/' && at(value, i + 1, '*')) {
                i += 2;
            } else if (c == '*' && at(value, i + 1, '/')) {
                i += 2;
            } else if (c == '<' && at(value, i + 1, '!') && at(value, i + 2, '-') && at(value, i + 3, '-')) {
                i += 4;
            } else if (c == '-' && at(value, i + 1, '-') && at(value, i + 2, '>')) {
                i += 3;
            } else if (c == '-' && at(value, i + 1, '-')) {
                i += 2;
            } else if (c == '#') {
                i++;
            } else {
                out[j++] = c;
                i++;
            }
        }
        return Latin1.result(value, out, j);
    }

    static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }
}
