package dev.rampart.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The lexical layer of rule text, shared by the parser and by tools that must read rules the
 * parser rejects (rule management): where the header ends, its fields, and the option
 * boundaries. Options end at the first {@code ;} not escaped by a backslash (a backslash
 * toggles: {@code \\;} ends the option); names end at {@code :} or {@code ;}; values are trimmed
 * and keep their escapes.
 */
public final class RuleLexer {
    private RuleLexer() {
    }

    /** Receives one option: the value is null when the option has none ({@code nocase;}). */
    @FunctionalInterface
    public interface OptionSink {
        void option(String name, String value) throws RuleParseException;
    }

    /** Index of the '(' that opens the options (the first one outside brackets), or -1. */
    public static int headerEnd(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '(' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whitespace-separated header fields; whitespace inside [...] lists does not split. */
    public static List<String> headerTokens(String text) {
        List<String> tokens = new ArrayList<>(7);
        int depth = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean ws = isSpace(c);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (ws && depth <= 0) {
                if (start >= 0) {
                    tokens.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0 && !ws) {
                start = i;
            }
        }
        return tokens;
    }

    /**
     * Scans the options in {@code s[from, to)}. Strict: an option without its terminating
     * {@code ;} or with an empty name is an error; lenient: such a tail is passed on as it is.
     */
    public static void options(String s, int from, int to, boolean strict, OptionSink sink) throws RuleParseException {
        int i = from;
        while (true) {
            while (i < to && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= to) {
                return;
            }
            int nameStart = i;
            while (i < to && s.charAt(i) != ':' && s.charAt(i) != ';') {
                i++;
            }
            if (i >= to && strict) {
                throw new RuleParseException("option \"" + s.substring(nameStart, to).trim() + "\" is not terminated by ';'");
            }
            String name = name(s, nameStart, i);
            String value = null;
            if (i < to && s.charAt(i) == ':') {
                int valueStart = ++i;
                boolean escaped = false;
                while (i < to) {
                    char c = s.charAt(i);
                    if (c == '\\') {
                        escaped = !escaped;
                    } else if (c == ';' && !escaped) {
                        break;
                    } else {
                        escaped = false;
                    }
                    i++;
                }
                if (i >= to && strict) {
                    throw new RuleParseException("option \"" + name + "\" is not terminated by ';'");
                }
                value = trimmed(s, valueStart, i);
            }
            i++; // the ';'
            if (name.isEmpty()) {
                if (strict) {
                    throw new RuleParseException("empty option name");
                }
                continue;
            }
            sink.option(name, value);
        }
    }

    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** {@code s.substring(from, to).trim()} in one copy. */
    private static String trimmed(String s, int from, int to) {
        int a = trimStart(s, from, to);
        return s.substring(a, trimEnd(s, a, to));
    }

    /**
     * {@code s.substring(from, to).trim()}, as the registry's own string when it spells a keyword
     * name or alias: ~270k option names per ET Open load were each a new string.
     */
    private static String name(String s, int from, int to) {
        int a = trimStart(s, from, to);
        int b = trimEnd(s, a, to);
        String known = dev.rampart.rules.keyword.KeywordRegistry.registeredName(s, a, b);
        return known != null ? known : s.substring(a, b);
    }

    /** The first index in {@code [from, to)} past chars up to ' ' (String.trim's rule), or {@code to}. */
    private static int trimStart(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    /** The end of {@code s[from, to)} without trailing chars up to ' '. */
    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }
}
