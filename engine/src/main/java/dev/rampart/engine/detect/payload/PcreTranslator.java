package dev.rampart.engine.detect.payload;

import dev.rampart.rules.keyword.payload.PcreOption;
import dev.rampart.rules.keyword.payload.PcreOption.Flag;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates a Suricata pcre (PCRE2, 8-bit, non-UTF, LF newlines) into an equivalent
 * java.util.regex pattern over Latin-1 characters (one character per byte). The differences that
 * matter are rewritten: character classes (PCRE takes {@code [} and {@code &&} literally and has
 * POSIX classes), octal and short hex escapes, {@code \N}, named groups and references, comments,
 * extended mode (stripped here, since Java's also ignores white space inside classes), the
 * ungreedy flag (every quantifier flipped), /E (a final {@code $} only at the very end), and
 * non-ASCII characters of the rule text (their UTF-8 bytes, as PCRE sees them). What has no
 * faithful Java form (recursion, conditionals, backtracking verbs, {@code \K}, Unicode
 * properties, branch reset, inline x/U/J/X options) makes the pattern uncompilable, with a reason.
 */
public final class PcreTranslator {

    /** The outcome: a Java pattern with whether the match is anchored, or why there is none. */
    public record Result(Pattern pattern, boolean anchored, String uncompilableReason) {
        public boolean ok() {
            return pattern != null;
        }
    }

    /** Thrown inside the translator for a construct without a Java equivalent. */
    private static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private PcreTranslator() {
    }

    public static Result translate(PcreOption pcre) {
        return translate(pcre.pattern(), pcre.flags().contains(Flag.CASELESS), pcre.flags().contains(Flag.DOTALL),
                pcre.flags().contains(Flag.MULTILINE), pcre.flags().contains(Flag.EXTENDED),
                pcre.flags().contains(Flag.ANCHORED), pcre.flags().contains(Flag.DOLLAR_ENDONLY),
                pcre.flags().contains(Flag.UNGREEDY));
    }

    public static Result translate(String pattern, boolean caseless, boolean dotall, boolean multiline,
            boolean extended, boolean anchored, boolean dollarEndOnly, boolean ungreedy) {
        try {
            if (!extended && pattern.contains("(?(?")) {
                pattern = PcreConditionals.rewrite(pattern);
            }
            Scanner counting = new Scanner(pattern, extended, ungreedy, dollarEndOnly && !multiline, Integer.MAX_VALUE);
            counting.run();
            Scanner s = new Scanner(pattern, extended, ungreedy, dollarEndOnly && !multiline, counting.groups);
            String java = s.run();
            int flags = Pattern.UNIX_LINES;
            if (caseless) {
                flags |= Pattern.CASE_INSENSITIVE;
            }
            if (dotall) {
                flags |= Pattern.DOTALL;
            }
            if (multiline) {
                flags |= Pattern.MULTILINE;
            }
            return new Result(Pattern.compile(java, flags), anchored, null);
        } catch (Unsupported e) {
            return new Result(null, anchored, e.getMessage());
        } catch (PatternSyntaxException e) {
            return new Result(null, anchored, "java.util.regex refuses the translation: " + e.getDescription());
        } catch (RuntimeException e) {
            return new Result(null, anchored, "untranslatable pattern: " + e);
        }
    }

    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("upper", "\\p{Upper}"), Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("ascii", "\\p{ASCII}"), Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("digit", "\\p{Digit}"), Map.entry("graph", "\\p{Graph}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\p{Space}"), Map.entry("word", "\\w"),
            Map.entry("xdigit", "\\p{XDigit}"));

    /** One pass over the pattern, writing the Java form. */
    private static final class Scanner {
        final String p;
        final boolean extended;
        final boolean ungreedy;
        final boolean dollarEndOnly;
        final int totalGroups;
        final StringBuilder out = new StringBuilder();
        final Map<String, Integer> names = new HashMap<>();
        int groups;
        int i;

        Scanner(String p, boolean extended, boolean ungreedy, boolean dollarEndOnly, int totalGroups) {
            this.p = p;
            this.extended = extended;
            this.ungreedy = ungreedy;
            this.dollarEndOnly = dollarEndOnly;
            this.totalGroups = totalGroups;
        }

        String run() throws Unsupported {
            while (i < p.length()) {
                char c = p.charAt(i);
                if (extended && isExtendedSpace(c)) {
                    i++;
                    continue;
                }
                if (extended && c == '#') {
                    while (i < p.length() && p.charAt(i) != '\n') {
                        i++;
                    }
                    continue;
                }
                switch (c) {
                    case '\\' -> escape();
                    case '[' -> charClass();
                    case '(' -> group();
                    case '*', '+', '?' -> {
                        out.append(c);
                        i++;
                        quantifierSuffix();
                    }
                    case '{' -> brace();
                    case '$' -> {
                        out.append(dollarEndOnly ? "\\z" : "$");
                        i++;
                    }
                    case '.', '^', '|', ')' -> {
                        out.append(c);
                        i++;
                    }
                    case '}', ']' -> {
                        out.append('\\').append(c);
                        i++;
                    }
                    default -> {
                        literal(codePointAt());
                    }
                }
            }
            return out.toString();
        }

        private static boolean isExtendedSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
        }

        /** Reads one code point of the pattern text and advances. */
        private int codePointAt() {
            int cp = p.codePointAt(i);
            i += Character.charCount(cp);
            return cp;
        }

        /** A literal character of the rule text: its bytes (UTF-8 beyond ASCII) as hex escapes. */
        private void literal(int cp) {
            if (cp < 0x80) {
                if (Character.isLetterOrDigit(cp) || cp == ' ' || cp == '_') {
                    out.append((char) cp);
                } else {
                    hex(cp);
                }
                return;
            }
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                hex(b & 0xFF);
            }
        }

        private void hex(int v) {
            out.append("\\x{").append(Integer.toHexString(v)).append('}');
        }

        /** After a quantifier: lazy/possessive suffix, flipped under the ungreedy flag. */
        private void quantifierSuffix() {
            boolean lazy = i < p.length() && p.charAt(i) == '?';
            boolean possessive = i < p.length() && p.charAt(i) == '+';
            if (possessive) {
                out.append('+');
                i++;
                return;
            }
            if (lazy) {
                i++;
            }
            if (lazy != ungreedy) {
                out.append('?');
            }
        }

        private void brace() throws Unsupported {
            int j = i + 1;
            int d1 = j;
            while (j < p.length() && isDigit(p.charAt(j))) {
                j++;
            }
            boolean min = j > d1;
            if (j < p.length() && p.charAt(j) == '}' && min) {
                out.append(p, i, j + 1);
                i = j + 1;
                quantifierSuffix();
                return;
            }
            if (j < p.length() && p.charAt(j) == ',') {
                j++;
                int d2 = j;
                while (j < p.length() && isDigit(p.charAt(j))) {
                    j++;
                }
                if (j < p.length() && p.charAt(j) == '}') {
                    if (!min && j > d2) {
                        // {,n} is {0,n} from PCRE2 10.43 on (Perl 5.34's reading), a literal before; the
                        // reference Suricata's PCRE2 reads it as {0,n} (measured: ET sid 2038696's
                        // [^<]{,100} matched zero and 100 characters, not 101, nor the literal "{,100}")
                        out.append("{0,").append(p, d2, j + 1);
                        i = j + 1;
                        quantifierSuffix();
                        return;
                    }
                    if (min) {
                        out.append(p, i, j + 1);
                        i = j + 1;
                        quantifierSuffix();
                        return;
                    }
                }
            }
            out.append("\\{");
            i++;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private void group() throws Unsupported {
            if (p.startsWith("(*", i)) {
                throw new Unsupported("backtracking control verbs and start options are not supported");
            }
            if (!p.startsWith("(?", i)) {
                groups++;
                out.append('(');
                i++;
                return;
            }
            int j = i + 2;
            if (j >= p.length()) {
                throw new Unsupported("truncated group");
            }
            char c = p.charAt(j);
            if (c == '#') {
                int close = p.indexOf(')', j);
                if (close < 0) {
                    throw new Unsupported("unterminated comment");
                }
                i = close + 1;
                return;
            }
            if (c == ':' || c == '=' || c == '!' || c == '>') {
                out.append(p, i, j + 1);
                i = j + 1;
                return;
            }
            if (c == '<' && j + 1 < p.length() && (p.charAt(j + 1) == '=' || p.charAt(j + 1) == '!')) {
                out.append(p, i, j + 2);
                i = j + 2;
                return;
            }
            if (c == 'P' && p.startsWith("(?P<", i)) {
                namedGroup(i + 4, '>');
                return;
            }
            if (c == '<') {
                namedGroup(j + 1, '>');
                return;
            }
            if (c == '\'') {
                namedGroup(j + 1, '\'');
                return;
            }
            if (c == 'P' && p.startsWith("(?P=", i)) {
                int close = p.indexOf(')', i);
                if (close < 0) {
                    throw new Unsupported("unterminated (?P=");
                }
                namedReference(p.substring(i + 4, close));
                i = close + 1;
                return;
            }
            // inline options: only those Java reads the same way
            int k = j;
            while (k < p.length() && (p.charAt(k) == 'i' || p.charAt(k) == 'm' || p.charAt(k) == 's'
                    || p.charAt(k) == '-')) {
                k++;
            }
            if (k > j && k < p.length() && (p.charAt(k) == ')' || p.charAt(k) == ':')) {
                out.append(p, i, k + 1);
                i = k + 1;
                return;
            }
            throw new Unsupported("group construct (?" + c + " is not supported");
        }

        private void namedGroup(int nameStart, char terminator) throws Unsupported {
            int close = p.indexOf(terminator, nameStart);
            if (close < 0) {
                throw new Unsupported("unterminated group name");
            }
            groups++;
            names.put(p.substring(nameStart, close), groups);
            out.append('(');
            i = close + 1;
        }

        private void namedReference(String name) throws Unsupported {
            Integer n = names.get(name);
            if (n == null) {
                throw new Unsupported("reference to a group not defined before it: " + name);
            }
            backReference(n);
        }

        private void backReference(int n) {
            out.append("(?:\\").append(n).append(')');
        }

        private void escape() throws Unsupported {
            if (i + 1 >= p.length()) {
                throw new Unsupported("trailing backslash");
            }
            char c = p.charAt(i + 1);
            i += 2;
            switch (c) {
                case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V', 'b', 'B', 'A', 'Z', 'z', 'G', 'R', 't', 'n',
                        'r', 'f', 'e', 'a' -> out.append('\\').append(c);
                case 'N' -> {
                    if (i < p.length() && p.charAt(i) == '{') {
                        throw new Unsupported("\\N{...} is not supported");
                    }
                    out.append("[^\\n]");
                }
                case 'c' -> {
                    if (i >= p.length()) {
                        throw new Unsupported("\\c at the end");
                    }
                    hex(Character.toUpperCase(p.charAt(i)) ^ 0x40);
                    i++;
                }
                case 'x' -> hex(hexEscape());
                case 'o' -> hex(octalBraces());
                case '0' -> hex(octalDigits(0, 2));
                case 'Q' -> quoted(false);
                case 'E' -> {
                }
                case 'g' -> numberedOrNamedG();
                case 'k' -> namedK();
                case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> digitEscape(c);
                default -> {
                    if (Character.isLetterOrDigit(c)) {
                        throw new Unsupported("escape \\" + c + " is not supported");
                    }
                    i--;
                    literal(codePointAt());
                }
            }
        }

        /** After {@code \x}: {h..} or up to two hex digits (none: NUL). */
        private int hexEscape() throws Unsupported {
            if (i < p.length() && p.charAt(i) == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new Unsupported("unterminated \\x{");
                }
                int v = Integer.parseInt(p.substring(i + 1, close).trim(), 16);
                if (v > 0xFF) {
                    throw new Unsupported("\\x{" + Integer.toHexString(v) + "} is above 0xff (non-UTF mode)");
                }
                i = close + 1;
                return v;
            }
            int v = 0;
            int n = 0;
            while (n < 2 && i < p.length() && Character.digit(p.charAt(i), 16) >= 0) {
                v = v * 16 + Character.digit(p.charAt(i), 16);
                i++;
                n++;
            }
            return v;
        }

        private int octalBraces() throws Unsupported {
            int close = p.indexOf('}', i);
            if (i >= p.length() || p.charAt(i) != '{' || close < 0) {
                throw new Unsupported("malformed \\o{");
            }
            int v = Integer.parseInt(p.substring(i + 1, close), 8);
            if (v > 0xFF) {
                throw new Unsupported("octal escape above 0xff");
            }
            i = close + 1;
            return v;
        }

        private int octalDigits(int v, int max) throws Unsupported {
            int n = 0;
            while (n < max && i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7') {
                v = v * 8 + (p.charAt(i) - '0');
                i++;
                n++;
            }
            if (v > 0xFF) {
                throw new Unsupported("octal escape above 0xff");
            }
            return v;
        }

        /** {@code \1}..{@code \9...}: a back reference, or (PCRE's rule) an octal escape. */
        private void digitEscape(char first) throws Unsupported {
            int start = i - 1;
            int j = start;
            while (j < p.length() && isDigit(p.charAt(j))) {
                j++;
            }
            int n = Integer.parseInt(p.substring(start, Math.min(j, start + 9)));
            if (n < 10 || n <= totalGroups) {
                i = j;
                backReference(n);
                return;
            }
            if (first >= '8') {
                throw new Unsupported("\\" + n + " refers to a missing group");
            }
            i = start;
            hex(octalDigits(0, 3));
        }

        private void numberedOrNamedG() throws Unsupported {
            String ref;
            if (i < p.length() && p.charAt(i) == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new Unsupported("unterminated \\g{");
                }
                ref = p.substring(i + 1, close);
                i = close + 1;
            } else {
                int j = i;
                if (j < p.length() && (p.charAt(j) == '-' || p.charAt(j) == '+')) {
                    j++;
                }
                while (j < p.length() && isDigit(p.charAt(j))) {
                    j++;
                }
                ref = p.substring(i, j);
                i = j;
            }
            if (ref.matches("\\d+")) {
                backReference(Integer.parseInt(ref));
            } else if (ref.matches("-\\d+")) {
                int n = groups + 1 + Integer.parseInt(ref);
                if (n < 1) {
                    throw new Unsupported("relative reference before the first group");
                }
                backReference(n);
            } else if (!ref.isEmpty() && !ref.startsWith("+")) {
                namedReference(ref);
            } else {
                throw new Unsupported("\\g" + ref + " is not supported");
            }
        }

        private void namedK() throws Unsupported {
            if (i >= p.length()) {
                throw new Unsupported("\\k at the end");
            }
            char open = p.charAt(i);
            char close = open == '<' ? '>' : open == '{' ? '}' : open == '\'' ? '\'' : 0;
            int end = close == 0 ? -1 : p.indexOf(close, i + 1);
            if (end < 0) {
                throw new Unsupported("malformed \\k reference");
            }
            namedReference(p.substring(i + 1, end));
            i = end + 1;
        }

        /** {@code \Q...\E}: every character literal. */
        private void quoted(boolean inClass) {
            int end = p.indexOf("\\E", i);
            int stop = end < 0 ? p.length() : end;
            while (i < stop) {
                literal(codePointAt());
            }
            i = end < 0 ? p.length() : end + 2;
        }

        private void charClass() throws Unsupported {
            i++;
            out.append('[');
            if (i < p.length() && p.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            boolean prevSingle = false; // the previous item was one character (a range may start there)
            while (true) {
                if (i >= p.length()) {
                    throw new Unsupported("unterminated character class");
                }
                char c = p.charAt(i);
                if (c == ']' && !first) {
                    i++;
                    break;
                }
                first = false;
                if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                    int close = p.indexOf(":]", i + 2);
                    if (close < 0) {
                        throw new Unsupported("malformed POSIX class");
                    }
                    String name = p.substring(i + 2, close);
                    boolean negate = name.startsWith("^");
                    String java = POSIX.get(negate ? name.substring(1) : name);
                    if (java == null) {
                        throw new Unsupported("unknown POSIX class " + name);
                    }
                    if (negate) {
                        java = java.equals("\\w") ? "\\W" : java.replace("\\p", "\\P");
                    }
                    out.append(java);
                    i = close + 2;
                    prevSingle = false;
                    continue;
                }
                if (c == '-' && prevSingle && i + 1 < p.length() && p.charAt(i + 1) != ']') {
                    // a range: the end must be one character too
                    i++;
                    int end = classChar();
                    if (end < 0) {
                        throw new Unsupported("range ending in a class escape");
                    }
                    out.append('-');
                    hex(end);
                    prevSingle = false;
                    continue;
                }
                int single = classChar();
                if (single >= 0) {
                    hex(single);
                    prevSingle = true;
                } else {
                    prevSingle = false;
                }
            }
            out.append(']');
        }

        /**
         * One class member: returns its byte value when it is one character (written by the caller),
         * or -1 after writing a class escape such as {@code \d} itself.
         */
        private int classChar() throws Unsupported {
            char c = p.charAt(i);
            if (c != '\\') {
                int cp = codePointAt();
                if (cp >= 0x80) {
                    byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    if (bytes.length == 1) {
                        return bytes[0] & 0xFF;
                    }
                    if (i < p.length() && p.charAt(i) == '-') {
                        throw new Unsupported("range from a multi-byte character");
                    }
                    for (byte b : bytes) {
                        hex(b & 0xFF);
                    }
                    return -1;
                }
                return cp;
            }
            if (i + 1 >= p.length()) {
                throw new Unsupported("trailing backslash");
            }
            char e = p.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V' -> {
                    out.append('\\').append(e);
                    return -1;
                }
                case 'b' -> {
                    return 0x08;
                }
                case 't' -> {
                    return '\t';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 'f' -> {
                    return '\f';
                }
                case 'e' -> {
                    return 0x1B;
                }
                case 'a' -> {
                    return 0x07;
                }
                case 'x' -> {
                    return hexEscape();
                }
                case 'o' -> {
                    return octalBraces();
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    return octalDigits(e - '0', 2);
                }
                case 'c' -> {
                    if (i >= p.length()) {
                        throw new Unsupported("\\c at the end");
                    }
                    return Character.toUpperCase(p.charAt(i++)) ^ 0x40;
                }
                case 'Q' -> {
                    int end = p.indexOf("\\E", i);
                    int stop = end < 0 ? p.length() : end;
                    while (i < stop) {
                        int cp = codePointAt();
                        if (cp >= 0x80) {
                            throw new Unsupported("non-ASCII text in \\Q inside a class");
                        }
                        hex(cp);
                    }
                    i = end < 0 ? p.length() : end + 2;
                    return -1;
                }
                case 'E' -> {
                    return -1;
                }
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported("escape \\" + e + " in a class is not supported");
                    }
                    if (e >= 0x80) {
                        i--;
                        return classChar();
                    }
                    return e;
                }
            }
        }
    }
}
