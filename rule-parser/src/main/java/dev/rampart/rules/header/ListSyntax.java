package dev.rampart.rules.header;

import dev.rampart.rules.RuleParseException;
import java.util.ArrayList;
import java.util.List;

/** Shared bracket-list syntax of address and port expressions: {@code [a,b,![c,d]]}. */
final class ListSyntax {
    private ListSyntax() {
    }

    /** Splits the inside of a bracketed list at top-level commas; items are trimmed. */
    static List<String> splitTopLevel(String inner, String what) throws RuleParseException {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth < 0) {
                    throw new RuleParseException("unbalanced ']' in " + what);
                }
            } else if (c == ',' && depth == 0) {
                items.add(inner.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new RuleParseException("unbalanced '[' in " + what);
        }
        items.add(inner.substring(start).trim());
        for (String item : items) {
            if (item.isEmpty()) {
                throw new RuleParseException("empty item in " + what + " list");
            }
        }
        return items;
    }

    /** True when {@code s} is one bracketed list from its first to its last character. */
    static boolean isWholeGroup(String s) {
        if (s.length() < 2 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0 && i != s.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    static boolean isVarName(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
