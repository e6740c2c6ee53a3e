package dev.rampart.rules.keyword;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import java.util.ArrayList;
import java.util.List;

/** Small value-syntax helpers shared by keyword parsers. */
public final class Values {
    private Values() {
    }

    /** Removes surrounding double quotes; when {@code mandatory}, their absence is an error. */
    public static String unquote(String keyword, String value, boolean mandatory) throws RuleParseException {
        String v = value.trim();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1);
        }
        if (mandatory) {
            throw new RuleParseException(keyword + ": value must be enclosed in double quotes");
        }
        if (v.startsWith("\"") || (v.endsWith("\"") && !v.endsWith("\\\""))) {
            throw new RuleParseException(keyword + ": unbalanced double quote in value");
        }
        return v;
    }

    /**
     * Resolves the escapes that rule text allows in string values ({@code \"}, {@code \;},
     * {@code \\}, {@code \:}); any other escaped character is kept with its backslash when
     * {@code lenient}, an error otherwise.
     */
    public static String unescape(String keyword, String s, boolean lenient) throws RuleParseException {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '"' || n == ';' || n == '\\' || n == ':') {
                    sb.append(n);
                    i++;
                    continue;
                }
                if (!lenient) {
                    throw new RuleParseException(keyword + ": '\\" + n + "' is not a valid escape");
                }
            } else if (c == '\\' && !lenient) {
                throw new RuleParseException(keyword + ": trailing backslash");
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Escapes a string for printing inside double quotes in rule text. */
    public static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == ';' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Parses a decimal (or {@code 0x} hex) integer in [min, max]. */
    public static long parseLong(String keyword, String s, long min, long max) throws RuleParseException {
        String t = s.trim();
        long v;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseLong(t.substring(2), 16);
            } else {
                if (t.startsWith("+")) {
                    t = t.substring(1);
                }
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            throw new RuleParseException(keyword + ": invalid number \"" + s.trim() + "\"");
        }
        if (v < min || v > max) {
            throw new RuleParseException(keyword + ": value " + v + " out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    public static int parseInt(String keyword, String s, int min, int max) throws RuleParseException {
        return (int) parseLong(keyword, s, min, max);
    }

    /** A number or a variable name that must already be defined by byte_extract/byte_math. */
    public static NumOrVar numOrVar(String keyword, String s, long min, long max, ParseContext ctx)
            throws RuleParseException {
        String t = s.trim();
        if (!t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_')) {
            if (!ctx.isVariable(t)) {
                throw new RuleParseException(keyword + ": unknown variable \"" + t + "\"");
            }
            return NumOrVar.var(t);
        }
        return NumOrVar.of(parseLong(keyword, t, min, max));
    }

    /** Splits at commas, trimming each part (no quoting rules: callers handle quoted values). */
    public static List<String> splitComma(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == ',') {
                parts.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        return parts;
    }
}
