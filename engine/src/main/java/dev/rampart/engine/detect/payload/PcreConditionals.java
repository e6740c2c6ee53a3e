package dev.rampart.engine.detect.payload;

/**
 * PCRE conditional groups whose condition is an assertion, {@code (?(?=X)YES|NO)} (and {@code ?!},
 * {@code ?<=}, {@code ?<!}), which java.util.regex lacks, rewritten in PCRE syntax before
 * translation as {@code (?:(?=X)YES|(?!X)NO)}: the branches exclude each other, so the alternation
 * matches exactly what the conditional matches, backtracking included. Shipped-disabled ET Open
 * sids 2058059/2058060 use one. Conditions that capture (their groups would be numbered twice),
 * other condition kinds (group numbers, names, recursion) and extended-mode patterns are left to
 * the translator, which refuses them.
 */
final class PcreConditionals {
    private PcreConditionals() {
    }

    /** The pattern with every assertion conditional rewritten; the pattern itself when it has none it can rewrite. */
    static String rewrite(String p) {
        String prev;
        do {
            prev = p;
            p = rewriteFirst(p);
        } while (!p.equals(prev));
        return p;
    }

    private static String rewriteFirst(String p) {
        for (int i = 0, n; i < p.length(); i = n) {
            n = next(p, i);
            if (n < 0) {
                return p;
            }
            if (!p.startsWith("(?(?", i)) {
                continue;
            }
            int cond = i + 2; // the assertion group "(?=...)"
            String kind;
            if (p.startsWith("(?=", cond) || p.startsWith("(?!", cond)) {
                kind = p.substring(cond + 2, cond + 3);
            } else if (p.startsWith("(?<=", cond) || p.startsWith("(?<!", cond)) {
                kind = p.substring(cond + 2, cond + 4);
            } else {
                return p;
            }
            int condEnd = groupEnd(p, cond);
            int end = condEnd < 0 ? -1 : groupEnd(p, i);
            if (end < 0) {
                return p;
            }
            String body = p.substring(cond + 2 + kind.length(), condEnd - 1);
            if (captures(body)) {
                return p;
            }
            String branches = p.substring(condEnd, end - 1);
            int bar = topLevelBar(branches);
            String yes = bar < 0 ? branches : branches.substring(0, bar);
            String no = bar < 0 ? "" : branches.substring(bar + 1);
            if (no.length() > 0 && topLevelBar(no) >= 0) {
                return p; // more than two branches: PCRE refuses it, so does the translator
            }
            String negated = kind.equals("=") ? "!" : kind.equals("!") ? "=" : kind.equals("<=") ? "<!" : "<=";
            String rewritten = "(?:(?" + kind + body + ")" + yes + "|(?" + negated + body + ")" + no + ")";
            return p.substring(0, i) + rewritten + p.substring(end);
        }
        return p;
    }

    /**
     * Index just after the token at {@code i}: an escaped character, a whole character class, else
     * one character (so a scan sees parentheses and bars only where they are structure); -1 for a
     * class that is not closed.
     */
    private static int next(String s, int i) {
        char c = s.charAt(i);
        return c == '\\' ? i + 2 : c == '[' ? classEnd(s, i) : i + 1;
    }

    /** Index just after the group opened at {@code open} ("(" ... ")"), or -1 when it is not closed. */
    private static int groupEnd(String p, int open) {
        int depth = 0;
        for (int i = open, n; i < p.length(); i = n) {
            if (p.startsWith("\\Q", i)) {
                return -1; // quoted text: not worth following here
            }
            n = next(p, i);
            if (n < 0) {
                return -1;
            }
            char c = p.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Index just after the character class opened at {@code open}, or -1. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++; // a leading ] is literal
        }
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && p.startsWith("[:", i)) {
                int e = p.indexOf(":]", i + 2);
                if (e < 0) {
                    return -1;
                }
                i = e + 1;
            } else if (c == ']') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Position of the first '|' outside groups and classes, or -1. */
    private static int topLevelBar(String s) {
        int depth = 0;
        for (int i = 0, n; i < s.length(); i = n) {
            n = next(s, i);
            if (n < 0) {
                return -1;
            }
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the text opens a capturing group (plain or named). */
    private static boolean captures(String s) {
        for (int i = 0, n; i < s.length(); i = n) {
            n = next(s, i);
            if (n < 0) {
                return true;
            }
            if (s.charAt(i) != '(') {
                continue;
            }
            if (i + 1 >= s.length() || s.charAt(i + 1) != '?') {
                return true;
            }
            if (s.startsWith("(?<", i) && i + 3 < s.length() && s.charAt(i + 3) != '=' && s.charAt(i + 3) != '!') {
                return true;
            }
            if (s.startsWith("(?P<", i) || s.startsWith("(?'", i)) {
                return true;
            }
        }
        return false;
    }
}
