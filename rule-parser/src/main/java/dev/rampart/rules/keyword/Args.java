package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleParseException;

/**
 * Argument-syntax helpers for the non-payload keywords (flow, header and app-layer families).
 * Kept apart from {@link Values} so the keyword families can evolve independently.
 */
public final class Args {
    private Args() {
    }

    /**
     * Suricata refuses a quoted value for keywords that do not declare quote support
     * ("quotes on X keyword that doesn't support them"); most non-payload keywords are such.
     */
    public static String noQuotes(String keyword, String value) throws RuleParseException {
        if (!value.isEmpty() && value.charAt(0) == '"') {
            throw new RuleParseException(keyword + ": the value may not be quoted");
        }
        return value;
    }

    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
    }

    /** Index of the first non-space character at or after {@code from}. */
    public static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Removes leading whitespace only. */
    public static String trimLeft(String s) {
        return s.substring(skipSpaces(s, 0));
    }

    /** Whether {@code s} is non-empty and only ASCII digits. */
    public static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses decimal digits only (no sign, no hex) into [0, max]. */
    public static long parseDecimal(String keyword, String what, String s, long max) throws RuleParseException {
        if (!isDigits(s) || s.length() > 19) {
            throw new RuleParseException(keyword + ": invalid " + what + " \"" + s + "\"");
        }
        long v = Long.parseLong(s);
        if (v > max) {
            throw new RuleParseException(keyword + ": " + what + " " + v + " out of range [0, " + max + "]");
        }
        return v;
    }

    /** Whether {@code s} is non-empty and made of ASCII letters, digits and underscores. */
    public static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * An optional leading {@code !} (spaces allowed after it) followed by a double-quoted,
     * non-empty string: the value form of Suricata's legacy string keywords
     * ({@code tls.subject}, {@code filemagic}, ...). Escapes are resolved.
     */
    public record NegatableString(boolean negated, String text) {
    }

    public static NegatableString negatableQuoted(String keyword, String value, boolean quotesMandatory)
            throws RuleParseException {
        String v = value.trim();
        boolean neg = false;
        if (v.startsWith("!")) {
            neg = true;
            v = v.substring(1).trim();
        }
        String inner = Values.unquote(keyword, v, quotesMandatory);
        if (inner.isEmpty()) {
            throw new RuleParseException(keyword + ": empty value");
        }
        return new NegatableString(neg, Values.unescape(keyword, inner, true));
    }

    /** Prints {@code [!]"text"}. */
    public static void appendNegatableQuoted(StringBuilder out, boolean negated, String text) {
        if (negated) {
            out.append('!');
        }
        Values.appendQuoted(out, text);
    }
}
