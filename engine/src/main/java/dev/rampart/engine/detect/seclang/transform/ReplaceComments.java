package dev.rampart.engine.detect.seclang.transform;

/** {@code t:replaceComments}: each C comment becomes one space; an unterminated one is cut to one space. */
public final class ReplaceComments implements Transformation {
    @Override
    public String apply(String value) {
        if (value.indexOf("/*") < 0) {
            return value;
        }
        int n = value.length();
        char[] out = new char[n];
        int j = 0;
        int i = 0;
        boolean inComment = false;
        while (i < n) {
            char c = value.charAt(i);
            if (!inComment) {
                if (c == '/' && i + 1 < n && value.charAt(i + 1) == '*') {
                    inComment = true;
                    i += 2;
                } else {
                    out[j++] = c;
                    i++;
                }
            } else if (c == '*' && i + 1 < n && value.charAt(i + 1) == '/') {
                inComment = false;
                i += 2;
                out[j++] = ' ';
            } else {
                i++;
            }
        }
        if (inComment) {
            out[j++] = ' ';
        }
        return Latin1.result(value, out, j);
    }
}
