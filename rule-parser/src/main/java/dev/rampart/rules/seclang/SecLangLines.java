package dev.rampart.rules.seclang;

import java.util.ArrayList;
import java.util.List;

/** Apache httpd's configuration lexing: logical lines and their words. */
public final class SecLangLines {
    private SecLangLines() {
    }

    /** One logical line, trimmed, with the number of its first physical line. */
    public record Line(int number, String text) {
    }

    /**
     * Joins lines ending in a backslash with the next (the backslash removed, the next line's
     * leading whitespace kept), then trims each logical line, as ap_cfg_getline does.
     */
    public static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int physical = 0;
        int first = 1;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int nl = text.indexOf('\n', pos);
            boolean hasNl = nl >= 0;
            int end = hasNl ? nl : n;
            physical++;
            if (cur.isEmpty()) first = physical;
            int e = end;
            if (hasNl && e > pos && text.charAt(e - 1) == '\r') e--;
            // Continuation only when the backslash is right before the newline.
            if (hasNl && e > pos && text.charAt(e - 1) == '\\') {
                cur.append(text, pos, e - 1);
                pos = nl + 1;
                if (pos >= n) {
                    lines.add(new Line(first, trim(cur)));
                    cur.setLength(0);
                }
                continue;
            }
            cur.append(text, pos, e);
            lines.add(new Line(first, trim(cur)));
            cur.setLength(0);
            pos = hasNl ? nl + 1 : n;
        }
        return lines;
    }

    private static String trim(CharSequence s) {
        int a = 0;
        int b = s.length();
        while (a < b && SecLangParser.isSpace(s.charAt(a))) a++;
        while (b > a && SecLangParser.isSpace(s.charAt(b - 1))) b--;
        return s.subSequence(a, b).toString();
    }

    /**
     * Splits arguments as ap_getword_conf does: whitespace-separated; a word starting with a double
     * or single quote runs to the matching quote, with backslash-quote and backslash-backslash
     * standing for the character; outside quotes backslash-backslash is one backslash.
     *
     * @throws IllegalArgumentException on an unterminated quote
     */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && SecLangParser.isSpace(s.charAt(i))) i++;
            if (i >= n) return words;
            char q = s.charAt(i);
            StringBuilder w = new StringBuilder();
            if (q == '"' || q == '\'') {
                int start = i;
                i++;
                while (i < n && s.charAt(i) != q) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == q || s.charAt(i + 1) == '\\')) {
                        w.append(s.charAt(i + 1));
                        i += 2;
                    } else {
                        w.append(c);
                        i++;
                    }
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated " + (q == '"' ? "double" : "single")
                            + " quote (argument starting at column " + (start + 1) + ")");
                }
                i++;
            } else {
                while (i < n && !SecLangParser.isSpace(s.charAt(i))) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\\') {
                        w.append('\\');
                        i += 2;
                    } else {
                        w.append(c);
                        i++;
                    }
                }
            }
            words.add(w.toString());
        }
    }
}
