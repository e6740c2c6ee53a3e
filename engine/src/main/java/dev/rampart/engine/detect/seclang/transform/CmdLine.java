package dev.rampart.engine.detect.seclang.transform;

/**
 * {@code t:cmdLine}: drops " ' \\ ^, turns each run of space , ; \\t \\r \\n into one space, drops a
 * space before / or (, and lowercases A-Z. As ModSecurity's NUL-terminated loop, it stops at the
 * first NUL byte.
 */
public final class CmdLine implements Transformation {
    @Override
    public String apply(String value) {
        int n = Latin1.cString(value);
        char[] out = new char[n];
        int s = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\'', '\\', '^' -> {
                }
                case ' ', ',', ';', '\t', '\r', '\n' -> {
                    if (!space) {
                        out[s++] = ' ';
                        space = true;
                    }
                }
                case '/', '(' -> {
                    if (space) {
                        s--;
                    }
                    space = false;
                    out[s++] = c;
                }
                default -> {
                    out[s++] = Latin1.toLower(c);
                    space = false;
                }
            }
        }
        return Latin1.result(value, out, s);
    }
}
