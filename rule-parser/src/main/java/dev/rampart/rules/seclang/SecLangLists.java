package dev.rampart.rules.seclang;

import java.util.ArrayList;
import java.util.List;

/**
 * ModSecurity's name[:value] list syntax, shared by target lists and action lists
 * (msre_parse_generic): items are separated by commas, pipes or whitespace; a value runs to the
 * next separator unless single-quoted, where backslash-quote and backslash-backslash stand for the
 * character and any other backslash pair is an error.
 */
final class SecLangLists {
    private SecLangLists() {
    }

    /** The {@code {name, value}} pairs; value null when there is no ':' or nothing after it. */
    static List<String[]> split(String text) {
        List<String[]> items = new ArrayList<>();
        int n = text.length();
        int p = 0;
        while (p < n) {
            while (p < n && SecLangParser.isSpace(text.charAt(p))) p++;
            if (p >= n) break;
            int start = p;
            while (p < n && !isNameEnd(text.charAt(p))) p++;
            String name = text.substring(start, p);
            if (p >= n || text.charAt(p) != ':') {
                items.add(new String[] {name, null});
                p = skipSeparators(text, p);
                continue;
            }
            p++; // the colon
            if (p >= n) {
                // "name:" at the end: no value, as ModSecurity reads it
                items.add(new String[] {name, null});
                break;
            }
            String value;
            if (text.charAt(p) != '\'') {
                int vs = p;
                while (p < n && !isValueEnd(text.charAt(p))) p++;
                value = text.substring(vs, p);
            } else {
                int quote = p;
                p++;
                StringBuilder v = new StringBuilder();
                while (true) {
                    if (p >= n) {
                        throw new IllegalArgumentException("missing closing quote (quote at position " + quote
                                + ") in: " + text);
                    }
                    char c = text.charAt(p);
                    if (c == '\\') {
                        if (p + 1 >= n || (text.charAt(p + 1) != '\'' && text.charAt(p + 1) != '\\')) {
                            throw new IllegalArgumentException("invalid quoted pair at position " + p + " in: "
                                    + text);
                        }
                        v.append(text.charAt(p + 1));
                        p += 2;
                    } else if (c == '\'') {
                        p++;
                        break;
                    } else {
                        v.append(c);
                        p++;
                    }
                }
                value = v.toString();
            }
            items.add(new String[] {name, value});
            p = skipSeparators(text, p);
        }
        return items;
    }

    private static int skipSeparators(String text, int p) {
        while (p < text.length()) {
            char c = text.charAt(p);
            if (!SecLangParser.isSpace(c) && c != ',' && c != '|') break;
            p++;
        }
        return p;
    }

    private static boolean isNameEnd(char c) {
        return c == '|' || c == ':' || c == ',' || SecLangParser.isSpace(c);
    }

    private static boolean isValueEnd(char c) {
        return c == '|' || c == ',' || SecLangParser.isSpace(c);
    }
}
