package dev.rampart.rules.keyword.payload;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a regular expression compiles with PCRE2 as Suricata compiles {@code pcre} and
 * {@code pcrexform} patterns (8-bit, non-UTF mode), without compiling it: Java's regex dialect is
 * not PCRE2, so this is a hand-written scanner of PCRE2's pattern syntax that reports the errors
 * {@code pcre2_compile()} reports — unbalanced parentheses, quantifiers that follow nothing
 * repeatable, bad or out-of-order {@code {n,m}} counts, unknown escapes ({@code \i}, {@code \U}, a
 * {@code \x} without hex digits), unterminated or invalid character classes and ranges, POSIX class
 * misuse, references to groups or names that do not exist, malformed group syntax and lookbehinds
 * of unlimited length.
 *
 * <p>The reference Suricata builds against PCRE2 10.43 or later, which refuses a {@code \x}
 * without hex digits (the failure of ET sid 2002385), allows lookbehinds of bounded variable
 * length (at most 255) and the option letters {@code a} and {@code r}. Where releases differ
 * otherwise, whatever either accepts is accepted: {@code {,n}} and braces with spaces pass as literal
 * text would in 10.42 (10.43 reads them as quantifiers, which only makes more patterns fail; the
 * detection engine reads {@code {,n}} as 10.43 does, measured on the reference). Rarely
 * used constructs whose exact rules are obscure (Unicode property names, callout details,
 * backtracking verb arguments, backreferences and recursion inside lookbehinds) are accepted
 * leniently. Checked against libpcre2 on the ET Open patterns and on random mutations of them.
 */
public final class PcreSyntax {

    /** A pattern PCRE2 would refuse, with PCRE2's wording and the offset it points at. */
    public static final class Failure extends Exception {
        private final int offset;

        Failure(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        /** Offset in the pattern (in bytes of its UTF-8 form) where the error was found. */
        public int offset() {
            return offset;
        }
    }

    /** What a valid pattern contains that keywords care about. */
    public record Info(int captureCount, Set<String> names) {
    }

    /** Longest variable-length lookbehind PCRE2 accepts by default (pcre2_set_max_varlookbehind). */
    static final int MAX_VAR_LOOKBEHIND = 255;
    static final int MAX_QUANTIFIER = 65535;
    static final int PARENS_NEST_LIMIT = 250;
    static final int MAX_NAME = 128;
    private static final int INF = -1;

    private static final Set<String> POSIX_CLASSES = Set.of("alpha", "lower", "upper", "alnum", "ascii",
            "blank", "cntrl", "digit", "graph", "print", "punct", "space", "word", "xdigit");
    private static final Set<String> VERBS = Set.of("ACCEPT", "FAIL", "F", "COMMIT", "PRUNE", "SKIP", "THEN", "MARK", "");
    private static final Set<String> START_OPTIONS = Set.of("UTF", "UTF8", "UCP", "NOTEMPTY", "NOTEMPTY_ATSTART",
            "NO_AUTO_POSSESS", "NO_DOTSTAR_ANCHOR", "NO_JIT", "NO_START_OPT", "CR", "LF", "CRLF", "ANYCRLF", "ANY",
            "NUL", "BSR_ANYCRLF", "BSR_UNICODE");
    private static final Set<String> START_LIMITS = Set.of("LIMIT_MATCH", "LIMIT_DEPTH", "LIMIT_HEAP", "LIMIT_RECURSION");
    private static final Set<String> ALPHA_LOOKAHEAD = Set.of("pla", "positive_lookahead", "nla", "negative_lookahead",
            "napla", "non_atomic_positive_lookahead");
    private static final Set<String> ALPHA_LOOKBEHIND = Set.of("plb", "positive_lookbehind", "nlb",
            "negative_lookbehind", "naplb", "non_atomic_positive_lookbehind");
    private static final Set<String> ALPHA_OTHER = Set.of("atomic", "sr", "script_run", "asr", "atomic_script_run");

    private final String p;
    private final int n;
    private int pos;
    private int depth;
    private int lookaround;
    private int captures;
    private boolean dupNames;
    private final Set<String> names = new HashSet<>();
    private final List<Ref> refs = new ArrayList<>();

    /** A reference to a group by number or by name, checked when the whole pattern is read. */
    private record Ref(long group, String name, int offset) {
    }

    private PcreSyntax(String pattern) {
        this.p = pattern;
        this.n = pattern.length();
    }

    /**
     * Checks a pattern.
     *
     * @param pattern  the pattern text as written in the rule, without delimiters and flags
     * @param extended whether the pattern is compiled with the {@code x} flag
     * @return the number of capturing groups and the group names
     */
    public static Info check(String pattern, boolean extended) throws Failure {
        PcreSyntax s = new PcreSyntax(toBytes(pattern));
        s.parseTop(extended);
        return new Info(s.captures, Set.copyOf(s.names));
    }

    /** Non-UTF mode sees the bytes of the rule file: non-ASCII text goes back to its UTF-8 bytes. */
    private static String toBytes(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) >= 0x80) {
                return new String(pattern.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
        return pattern;
    }

    // ------------------------------------------------------------------ structure

    /** Lexical options that change how the scanner reads the pattern, scoped to a group. */
    private static final class Mode {
        boolean x;
        boolean xx;
        boolean noCapture;

        Mode copy() {
            Mode m = new Mode();
            m.x = x;
            m.xx = xx;
            m.noCapture = noCapture;
            return m;
        }
    }

    /** Kinds of group, for the checks that depend on it. */
    private enum Kind { TOP, PLAIN, LOOKBEHIND, CONDITIONAL, DEFINE, BRANCH_RESET }

    private void parseTop(boolean extended) throws Failure {
        Mode mode = new Mode();
        mode.x = extended;
        startOptions();
        alternation(Kind.TOP, mode, pos);
        if (pos < n) {
            throw new Failure("unmatched closing parenthesis", pos);
        }
        for (Ref r : refs) {
            if (r.name != null ? !names.contains(r.name) : r.group > captures || r.group <= 0) {
                throw new Failure("reference to non-existent subpattern", r.offset);
            }
        }
    }

    /** Leading (*UTF), (*LIMIT_MATCH=n), ... settings. */
    private void startOptions() throws Failure {
        while (p.startsWith("(*", pos)) {
            int e = p.indexOf(')', pos);
            if (e < 0) {
                return;
            }
            String name = p.substring(pos + 2, e);
            int eq = name.indexOf('=');
            if (START_OPTIONS.contains(name)) {
                pos = e + 1;
            } else if (eq > 0 && START_LIMITS.contains(name.substring(0, eq)) && isDigits(name.substring(eq + 1))) {
                pos = e + 1;
            } else {
                return;
            }
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses branches up to the closing parenthesis of the group (not consumed) or the end.
     *
     * @return the {min, max} length of what the group matches (max INF when unbounded)
     */
    private long[] alternation(Kind kind, Mode outer, int groupStart) throws Failure {
        Mode mode = outer.copy();
        int branches = 0;
        int resetBase = captures;
        int resetMax = captures;
        long min = Long.MAX_VALUE;
        long max = 0;
        while (true) {
            branches++;
            if (kind == Kind.BRANCH_RESET) {
                captures = resetBase;
            }
            long[] len = branch(mode);
            if (kind == Kind.LOOKBEHIND) {
                if (len[1] == INF) {
                    throw new Failure("lookbehind assertion is not fixed length", groupStart);
                }
                if (len[0] != len[1] && len[1] > MAX_VAR_LOOKBEHIND) {
                    throw new Failure("branch too long in variable-length lookbehind assertion", groupStart);
                }
            }
            min = Math.min(min, len[0]);
            max = (max == INF || len[1] == INF) ? INF : Math.max(max, len[1]);
            if (kind == Kind.BRANCH_RESET) {
                resetMax = Math.max(resetMax, captures);
            }
            if (pos < n && p.charAt(pos) == '|') {
                pos++;
                continue;
            }
            break;
        }
        if (kind == Kind.BRANCH_RESET) {
            captures = resetMax;
        }
        if (kind == Kind.CONDITIONAL && branches > 2) {
            throw new Failure("conditional subpattern contains more than two branches", groupStart);
        }
        if (kind == Kind.DEFINE && branches > 1) {
            throw new Failure("DEFINE subpattern contains more than one branch", groupStart);
        }
        if (kind != Kind.TOP && pos >= n) {
            throw new Failure("missing closing parenthesis", n);
        }
        return new long[] {min == Long.MAX_VALUE ? 0 : min, max};
    }

    /** One branch: items up to '|' or ')' (not consumed). Inline option settings change {@code mode}. */
    private long[] branch(Mode mode) throws Failure {
        long min = 0;
        long max = 0;
        boolean repeatable = false; // whether a quantifier may follow
        long[] last = null; // length of the last repeatable item
        while (pos < n) {
            char c = p.charAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            if (mode.x && skipExtendedSpace()) {
                continue;
            }
            long[] item;
            int start = pos;
            switch (c) {
                case '\\' -> {
                    Escape e = escape(false, mode);
                    if (e.kind == EscKind.TRANSPARENT) {
                        continue;
                    }
                    if (e.kind == EscKind.QUOTE) {
                        // \Q...\E: literal text; the last literal may be repeated
                        int count = quoted();
                        if (count == 0) {
                            continue;
                        }
                        min = add(min, count - 1);
                        max = add(max, count - 1);
                        item = new long[] {1, 1};
                    } else if (e.kind == EscKind.ASSERT) {
                        repeatable = false;
                        last = null;
                        continue;
                    } else {
                        item = e.len;
                    }
                }
                case '^', '$' -> {
                    pos++;
                    repeatable = false;
                    last = null;
                    continue;
                }
                case '.' -> {
                    pos++;
                    item = new long[] {1, 1};
                }
                case '[' -> {
                    if (looksLikeTopLevelPosix(pos)) {
                        throw new Failure("POSIX named classes are supported only within a class", pos);
                    }
                    characterClass(mode);
                    item = new long[] {1, 1};
                }
                case '(' -> {
                    Group g = group(mode);
                    if (g == null) {
                        continue; // a comment: leaves the state alone
                    }
                    if (g.optionsOnly) {
                        repeatable = false;
                        last = null;
                        continue;
                    }
                    if (!g.repeatable) {
                        repeatable = false;
                        last = null;
                        min = add(min, g.len[0]);
                        max = add(max, g.len[1]);
                        continue;
                    }
                    item = g.len;
                }
                case '*', '+', '?' -> {
                    if (!repeatable) {
                        throw new Failure("quantifier does not follow a repeatable item", pos);
                    }
                    pos++;
                    long lo = c == '+' ? 1 : 0;
                    long hi = c == '?' ? 1 : INF;
                    long[] r = repeat(last, lo, hi);
                    min = min - last[0] + r[0];
                    max = (max == INF || r[1] == INF) ? INF : max - last[1] + r[1];
                    quantifierSuffix(mode);
                    repeatable = false;
                    last = null;
                    continue;
                }
                case '{' -> {
                    long[] q = braces();
                    if (q != null) {
                        if (!repeatable) {
                            throw new Failure("quantifier does not follow a repeatable item", pos - 1);
                        }
                        long[] r = repeat(last, q[0], q[1]);
                        min = min - last[0] + r[0];
                        max = (max == INF || r[1] == INF) ? INF : max - last[1] + r[1];
                        quantifierSuffix(mode);
                        repeatable = false;
                        last = null;
                        continue;
                    }
                    pos++; // a literal '{'
                    item = new long[] {1, 1};
                }
                default -> {
                    pos++;
                    item = new long[] {1, 1};
                }
            }
            if (start == pos) {
                throw new IllegalStateException("scanner made no progress at " + pos);
            }
            min = add(min, item[0]);
            max = (max == INF || item[1] == INF) ? INF : add(max, item[1]);
            repeatable = true;
            last = item;
        }
        return new long[] {min, max};
    }

    private static long add(long a, long b) {
        if (a == INF || b == INF) {
            return INF;
        }
        return Math.min(a + b, 1L << 40);
    }

    private static long[] repeat(long[] item, long lo, long hi) {
        long rmin = Math.min(item[0] * lo, 1L << 40);
        long rmax;
        if (item[1] == 0) {
            rmax = 0;
        } else if (hi == INF || item[1] == INF) {
            rmax = INF;
        } else {
            rmax = Math.min(item[1] * hi, 1L << 40);
        }
        return new long[] {rmin, rmax};
    }

    /**
     * A lazy ('?') or possessive ('+') marker after a quantifier. What PCRE2 ignores anyway may
     * stand between them: \E, (?#...) comments and, in extended mode, white space and # comments.
     */
    private void quantifierSuffix(Mode mode) {
        while (pos < n) {
            if (p.startsWith("\\E", pos)) {
                pos += 2;
            } else if (p.startsWith("(?#", pos) && p.indexOf(')', pos) > 0) {
                pos = p.indexOf(')', pos) + 1;
            } else if (mode.x && skipExtendedSpace()) {
                continue;
            } else {
                break;
            }
        }
        if (pos < n && (p.charAt(pos) == '?' || p.charAt(pos) == '+')) {
            pos++;
        }
    }

    /** In extended mode: skips white space or a '#' comment; false when neither is next. */
    private boolean skipExtendedSpace() {
        char c = p.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
            pos++;
            return true;
        }
        if (c == '#') {
            while (pos < n && p.charAt(pos) != '\n') {
                pos++;
            }
            return true;
        }
        return false;
    }

    /** Reads the text of a \Q...\E quote (after \Q); returns how many characters it holds. */
    private int quoted() {
        int e = p.indexOf("\\E", pos);
        int end = e < 0 ? n : e;
        int count = end - pos;
        pos = e < 0 ? n : e + 2;
        return count;
    }

    /**
     * A {@code {...}} at pos: a quantifier {n}, {n,} or {n,m} returns its bounds with pos after it;
     * anything else is a literal '{' (null). PCRE2 10.43 also reads {,m} and spaces inside the
     * braces as a quantifier where older releases read literal text; taking them literally is the
     * lenient choice (it never makes a pattern fail that either release accepts).
     */
    private long[] braces() throws Failure {
        int i = pos + 1;
        int d1 = i;
        while (i < n && isDigit(p.charAt(i))) {
            i++;
        }
        if (i == d1) {
            return null;
        }
        String lo = p.substring(d1, i);
        String hi = null;
        if (i < n && p.charAt(i) == ',') {
            int d2 = ++i;
            while (i < n && isDigit(p.charAt(i))) {
                i++;
            }
            hi = p.substring(d2, i);
        }
        if (i >= n || p.charAt(i) != '}') {
            return null;
        }
        long min = number(lo, d1);
        long max;
        if (hi == null) {
            max = min;
        } else if (hi.isEmpty()) {
            max = INF;
        } else {
            max = number(hi, i);
            if (max < min) {
                throw new Failure("numbers out of order in {} quantifier", i);
            }
        }
        pos = i + 1;
        return new long[] {min, max};
    }

    /** Whether a {n,m} quantifier starts at {@code i} (pos is left alone). */
    private boolean quantifierAt(int i) throws Failure {
        int save = pos;
        pos = i;
        try {
            return braces() != null;
        } finally {
            pos = save;
        }
    }

    private long number(String digits, int at) throws Failure {
        if (digits.length() > 6 || Long.parseLong(digits) > MAX_QUANTIFIER) {
            throw new Failure("number too big in {} quantifier", at);
        }
        return Long.parseLong(digits);
    }

    private int skipBlanks(int i) {
        while (i < n && (p.charAt(i) == ' ' || p.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    // ------------------------------------------------------------------ groups

    private static final class Group {
        long[] len = {0, 0};
        boolean repeatable = true;
        boolean optionsOnly;
    }

    /** A group at '(' (pos); returns null for a (?#...) comment. */
    private Group group(Mode mode) throws Failure {
        int start = pos;
        if (++depth > PARENS_NEST_LIMIT) {
            throw new Failure("parentheses are too deeply nested", pos);
        }
        try {
            pos++;
            Group g = new Group();
            if (pos < n && p.charAt(pos) == '*') {
                return verbOrAlpha(mode, start);
            }
            if (pos >= n || p.charAt(pos) != '?') {
                if (!mode.noCapture) {
                    captures++;
                }
                g.len = body(Kind.PLAIN, mode, start);
                return g;
            }
            pos++; // the '?'
            if (pos >= n) {
                throw new Failure("missing closing parenthesis", n);
            }
            char c = p.charAt(pos);
            switch (c) {
                case '#' -> {
                    int e = p.indexOf(')', pos);
                    if (e < 0) {
                        throw new Failure("missing ) after (?# comment", n);
                    }
                    pos = e + 1;
                    return null;
                }
                case ':', '>' -> {
                    pos++;
                    g.len = body(Kind.PLAIN, mode, start);
                }
                case '|' -> {
                    pos++;
                    g.len = body(Kind.BRANCH_RESET, mode, start);
                }
                case '=', '!', '*' -> {
                    pos++;
                    lookaround(Kind.PLAIN, mode, start);
                    g.len = new long[] {0, 0};
                }
                case '<' -> {
                    char d = pos + 1 < n ? p.charAt(pos + 1) : 0;
                    if (d == '=' || d == '!' || d == '*') {
                        pos += 2;
                        lookaround(Kind.LOOKBEHIND, mode, start);
                        g.len = new long[] {0, 0};
                    } else {
                        pos++;
                        defineName('>');
                        g.len = body(Kind.PLAIN, mode, start);
                    }
                }
                case '\'' -> {
                    pos++;
                    defineName('\'');
                    g.len = body(Kind.PLAIN, mode, start);
                }
                case 'P' -> {
                    pos++;
                    char d = pos < n ? p.charAt(pos) : 0;
                    if (d == '<') {
                        pos++;
                        defineName('>');
                        g.len = body(Kind.PLAIN, mode, start);
                    } else if (d == '=' || d == '>') {
                        pos++;
                        int at = pos;
                        String name = readName(')');
                        refs.add(new Ref(0, name, at));
                        pos++;
                        g.len = new long[] {0, 0};
                    } else {
                        throw new Failure("unrecognized character after (?P", pos);
                    }
                }
                case '&' -> {
                    pos++;
                    int at = pos;
                    String name = readName(')');
                    refs.add(new Ref(0, name, at));
                    pos++;
                }
                case 'R', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '-' -> {
                    if (c == '-' && pos + 1 < n && !isDigit(p.charAt(pos + 1))) {
                        return optionGroup(mode, start);
                    }
                    subroutineCall(c);
                }
                case '(' -> g.len = conditional(mode, start);
                case 'C' -> {
                    callout();
                    g.repeatable = false;
                }
                default -> {
                    return optionGroup(mode, start);
                }
            }
            return g;
        } finally {
            depth--;
        }
    }

    /** The body of a group after its opening syntax, through its ')'. */
    private long[] body(Kind kind, Mode mode, int start) throws Failure {
        long[] len = alternation(kind, mode, start);
        pos++; // the ')'
        return len;
    }

    /** The body of a lookahead or lookbehind. */
    private void lookaround(Kind kind, Mode mode, int start) throws Failure {
        lookaround++;
        try {
            body(kind, mode, start);
        } finally {
            lookaround--;
        }
    }

    /** (?R), (?n), (?+n), (?-n) at pos. */
    private void subroutineCall(char c) throws Failure {
        int at = pos;
        if (c == 'R') {
            pos++;
        } else {
            int sign = 0;
            if (c == '+' || c == '-') {
                sign = c == '+' ? 1 : -1;
                pos++;
            }
            int d = pos;
            while (pos < n && isDigit(p.charAt(pos))) {
                pos++;
            }
            if (d == pos) {
                throw new Failure("digit expected after (?+ or (?-", pos);
            }
            long num = Long.parseLong(p.substring(d, Math.min(pos, d + 9)));
            if (sign < 0) {
                long g = captures - num + 1;
                if (g <= 0) {
                    throw new Failure("reference to non-existent subpattern", at);
                }
            } else if (sign > 0) {
                refs.add(new Ref(captures + num, null, at));
            } else if (num != 0) {
                refs.add(new Ref(num, null, at));
            }
        }
        if (pos >= n || p.charAt(pos) != ')') {
            throw new Failure("closing parenthesis for (?R or (?[+-]digits expected", pos);
        }
        pos++;
    }

    /** (?C), (?Cn), (?C"text") and the other quoted callout forms. */
    private void callout() throws Failure {
        pos++; // 'C'
        if (pos < n && isDigit(p.charAt(pos))) {
            int d = pos;
            while (pos < n && isDigit(p.charAt(pos))) {
                pos++;
            }
            if (pos - d > 3 || Integer.parseInt(p.substring(d, pos)) > 255) {
                throw new Failure("number after (?C is greater than 255", d);
            }
        } else if (pos < n && "`'\"^%#$".indexOf(p.charAt(pos)) >= 0) {
            char open = p.charAt(pos);
            char close = open;
            int e = pos + 1;
            while (true) {
                e = p.indexOf(close, e);
                if (e < 0) {
                    throw new Failure("missing terminating delimiter for callout with string argument", pos);
                }
                if (e + 1 < n && p.charAt(e + 1) == close) {
                    e += 2; // doubled delimiter
                    continue;
                }
                break;
            }
            pos = e + 1;
        } else if (pos < n && p.charAt(pos) == '{') {
            int e = p.indexOf('}', pos);
            if (e < 0) {
                throw new Failure("missing terminating delimiter for callout with string argument", pos);
            }
            pos = e + 1;
        }
        if (pos >= n || p.charAt(pos) != ')') {
            throw new Failure("closing parenthesis for (?C expected", pos);
        }
        pos++;
    }

    /** Option settings (?imnsx-imnsx) or (?imnsx-imnsx: ...). pos is after "(?". */
    private Group optionGroup(Mode mode, int start) throws Failure {
        Mode m = mode.copy();
        boolean unset = false;
        if (pos < n && p.charAt(pos) == '^') {
            m.x = false;
            m.xx = false;
            m.noCapture = false;
            pos++;
        }
        while (pos < n) {
            char c = p.charAt(pos);
            if (c == ')' || c == ':') {
                break;
            }
            switch (c) {
                case '-' -> {
                    if (unset) {
                        throw new Failure("unrecognized character after (? or (?-", pos);
                    }
                    unset = true;
                }
                case 'x' -> {
                    if (unset) {
                        m.x = false;
                        m.xx = false;
                    } else if (pos + 1 < n && p.charAt(pos + 1) == 'x') {
                        m.x = true;
                        m.xx = true;
                        pos++;
                    } else {
                        m.x = true;
                    }
                }
                case 'n' -> m.noCapture = !unset;
                case 'i', 'm', 's', 'J', 'U', 'r' -> {
                    if (c == 'J' && !unset) {
                        dupNames = true;
                    }
                }
                case 'a' -> {
                    // PCRE2 10.43 ASCII restrictions: a, aD, aS, aW, aP, aT
                    if (pos + 1 < n && "DSWPT".indexOf(p.charAt(pos + 1)) >= 0) {
                        pos++;
                    }
                }
                default -> throw new Failure("unrecognized character after (? or (?-", pos);
            }
            pos++;
        }
        if (pos >= n) {
            throw new Failure("missing closing parenthesis", n);
        }
        Group g = new Group();
        if (p.charAt(pos) == ')') {
            // applies to the rest of the enclosing group
            pos++;
            mode.x = m.x;
            mode.xx = m.xx;
            mode.noCapture = m.noCapture;
            g.optionsOnly = true;
            return g;
        }
        pos++; // ':'
        g.len = body(Kind.PLAIN, m, start);
        return g;
    }

    /** (*VERB), (*VERB:NAME) or an alpha assertion (*pla: ...). pos is at '*'. */
    private Group verbOrAlpha(Mode mode, int start) throws Failure {
        pos++;
        int nameStart = pos;
        while (pos < n && (isWordChar(p.charAt(pos)))) {
            pos++;
        }
        String name = p.substring(nameStart, pos);
        Group g = new Group();
        if (name.isEmpty() && (pos >= n || p.charAt(pos) != ':')) {
            throw new Failure("quantifier does not follow a repeatable item", nameStart - 1);
        }
        if (!name.isEmpty() && Character.isLowerCase(name.charAt(0))) {
            if (pos >= n || p.charAt(pos) != ':') {
                throw new Failure("(*alpha_assertion) not recognized", nameStart);
            }
            pos++;
            if (ALPHA_LOOKBEHIND.contains(name)) {
                lookaround(Kind.LOOKBEHIND, mode, start);
                g.len = new long[] {0, 0};
            } else if (ALPHA_LOOKAHEAD.contains(name)) {
                lookaround(Kind.PLAIN, mode, start);
                g.len = new long[] {0, 0};
            } else if (ALPHA_OTHER.contains(name)) {
                g.len = body(Kind.PLAIN, mode, start);
            } else {
                throw new Failure("(*alpha_assertion) not recognized", nameStart);
            }
            return g;
        }
        if (!VERBS.contains(name)) {
            throw new Failure("(*VERB) not recognized or malformed", pos);
        }
        if (pos < n && p.charAt(pos) == ':') {
            int e = p.indexOf(')', pos);
            if (e < 0) {
                throw new Failure("missing closing parenthesis", n);
            }
            if (e == pos + 1 && (name.equals("MARK") || name.isEmpty())) {
                throw new Failure("(*MARK) must have an argument", pos);
            }
            pos = e;
        } else if (name.equals("MARK") || name.isEmpty()) {
            throw new Failure("(*MARK) must have an argument", pos);
        }
        if (pos >= n || p.charAt(pos) != ')') {
            throw new Failure("(*VERB) not recognized or malformed", pos);
        }
        pos++;
        g.repeatable = false;
        return g;
    }

    /** A conditional group; pos is at the '(' of the condition. */
    private long[] conditional(Mode mode, int start) throws Failure {
        pos++; // '(' of the condition
        if (pos >= n) {
            throw new Failure("missing closing parenthesis", n);
        }
        char c = p.charAt(pos);
        Kind kind = Kind.CONDITIONAL;
        if (c == '?' || c == '*') {
            // an assertion as condition: (?(?=...)...), (?(?<!...)...), (?(*pla:...)...)
            if (c == '?' && !(p.startsWith("?=", pos) || p.startsWith("?!", pos) || p.startsWith("?<=", pos)
                    || p.startsWith("?<!", pos) || p.startsWith("?C", pos))) {
                throw new Failure("assertion expected after (?( or (?(?C)", pos);
            }
            if (c == '*' && !(pos + 1 < n && p.charAt(pos + 1) >= 'a' && p.charAt(pos + 1) <= 'z')) {
                throw new Failure("assertion expected after (?( or (?(?C)", pos);
            }
            pos--;
            Group a = group(mode);
            if (a == null) {
                throw new Failure("assertion expected after (?( or (?(?C)", pos);
            }
        } else if (c == '<' || c == '\'') {
            pos++;
            int at = pos;
            String name = readName(c == '<' ? '>' : '\'');
            pos++;
            refs.add(new Ref(0, name, at));
            expectConditionEnd();
        } else if (c == '+' || c == '-' || isDigit(c)) {
            int at = pos;
            int sign = c == '+' ? 1 : c == '-' ? -1 : 0;
            if (sign != 0) {
                pos++;
            }
            int d = pos;
            while (pos < n && isDigit(p.charAt(pos))) {
                pos++;
            }
            if (d == pos) {
                throw new Failure("malformed number or name after (?(", at);
            }
            long num = Long.parseLong(p.substring(d, Math.min(pos, d + 9)));
            long group = sign < 0 ? captures - num + 1 : sign > 0 ? captures + num : num;
            if (group <= 0) {
                throw new Failure("reference to non-existent subpattern", at);
            }
            refs.add(new Ref(group, null, at));
            expectConditionEnd();
        } else {
            int at = pos;
            int e = pos;
            while (e < n && (isWordChar(p.charAt(e)) || p.charAt(e) == '&' || p.charAt(e) == '.'
                    || p.charAt(e) == '=' || p.charAt(e) == '>')) {
                e++;
            }
            String word = p.substring(pos, e);
            pos = e;
            if (word.equals("DEFINE")) {
                kind = Kind.DEFINE;
            } else if (word.equals("R") || (word.startsWith("R") && isDigits(word.substring(1)))
                    || word.startsWith("R&") || word.startsWith("VERSION")) {
                // recursion tests and version checks: lenient about their details
            } else if (!word.isEmpty() && isWordName(word)) {
                refs.add(new Ref(0, word, at));
            } else {
                throw new Failure("malformed number or name after (?(", at);
            }
            expectConditionEnd();
        }
        return body(kind, mode, start);
    }

    private static boolean isWordName(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!isWordChar(w.charAt(i))) {
                return false;
            }
        }
        return !isDigit(w.charAt(0));
    }

    private void expectConditionEnd() throws Failure {
        if (pos >= n || p.charAt(pos) != ')') {
            throw new Failure("malformed number or name after (?(", pos);
        }
        pos++;
    }

    /** A new group name up to {@code terminator} (consumed); counts the group. */
    private void defineName(char terminator) throws Failure {
        int at = pos;
        String name = readName(terminator);
        pos++;
        if (!names.add(name) && !dupNames && !inBranchReset()) {
            throw new Failure("two named subpatterns have the same name (PCRE2_DUPNAMES not set)", at);
        }
        captures++;
    }

    /** Duplicate names are allowed in a (?| group; detecting that exactly is not worth it: lenient. */
    private boolean inBranchReset() {
        return p.contains("(?|");
    }

    /** A group name at pos, up to {@code terminator} (not consumed). */
    private String readName(char terminator) throws Failure {
        int start = pos;
        if (pos < n && isDigit(p.charAt(pos))) {
            throw new Failure("subpattern name must start with a non-digit", pos);
        }
        while (pos < n && isWordChar(p.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new Failure("subpattern name expected", pos);
        }
        if (pos - start > MAX_NAME) {
            throw new Failure("subpattern name is too long", start);
        }
        if (pos >= n || p.charAt(pos) != terminator) {
            throw new Failure("syntax error in subpattern name (missing terminator?)", pos);
        }
        return p.substring(start, pos);
    }

    // ------------------------------------------------------------------ escapes

    private enum EscKind { CHAR, TYPE, ASSERT, TRANSPARENT, QUOTE, BACKREF, OTHER }

    private static final class Escape {
        final EscKind kind;
        final int value; // character value for CHAR
        final long[] len;

        Escape(EscKind kind, int value, long[] len) {
            this.kind = kind;
            this.value = value;
            this.len = len;
        }
    }

    private static final long[] ONE = {1, 1};
    private static final long[] ZERO = {0, 0};

    private static Escape ch(int v) {
        return new Escape(EscKind.CHAR, v, ONE);
    }

    /**
     * An escape at pos (the backslash). Outside a class it may be any kind; inside a class only
     * characters and character types are valid, and some letters mean other things there.
     */
    private Escape escape(boolean inClass, Mode mode) throws Failure {
        int at = pos;
        pos++;
        if (pos >= n) {
            throw new Failure("\\ at end of pattern", n);
        }
        char c = p.charAt(pos++);
        if (c >= 0x80 || !Character.isLetterOrDigit(c)) {
            return ch(c); // any non-alphanumeric character stands for itself
        }
        switch (c) {
            case 'a':
                return ch(7);
            case 'e':
                return ch(27);
            case 'f':
                return ch(12);
            case 'n':
                return ch(10);
            case 'r':
                return ch(13);
            case 't':
                return ch(9);
            case 'b':
                return inClass ? ch(8) : new Escape(EscKind.ASSERT, 0, ZERO);
            case 'd': case 'D': case 's': case 'S': case 'w': case 'W': case 'h': case 'H': case 'v': case 'V':
                return new Escape(EscKind.TYPE, 0, ONE);
            case 'C':
                if (inClass) {
                    throw new Failure("escape sequence is invalid in character class", pos - 1);
                }
                return new Escape(EscKind.TYPE, 0, ONE);
            case 'p': case 'P':
                property();
                return new Escape(EscKind.TYPE, 0, ONE);
            case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
                if (inClass) {
                    throw new Failure("escape sequence is invalid in character class", pos - 1);
                }
                if (c == 'K' && lookaround > 0) {
                    throw new Failure("\\K is not allowed in lookarounds", pos - 1);
                }
                return new Escape(EscKind.ASSERT, 0, ZERO);
            case 'R':
                if (inClass) {
                    throw new Failure("escape sequence is invalid in character class", pos - 1);
                }
                return new Escape(EscKind.TYPE, 0, new long[] {1, 2});
            case 'X':
                if (inClass) {
                    throw new Failure("escape sequence is invalid in character class", pos - 1);
                }
                return new Escape(EscKind.TYPE, 0, new long[] {1, INF});
            case 'N':
                if (pos < n && p.charAt(pos) == '{' && !quantifierAt(pos)) {
                    throw new Failure("\\N{U+dddd} is supported only in Unicode (UTF) mode", pos);
                }
                if (inClass) {
                    throw new Failure("\\N is not supported in a class", pos);
                }
                return new Escape(EscKind.TYPE, 0, ONE);
            case 'E':
                return new Escape(EscKind.TRANSPARENT, 0, ZERO);
            case 'Q':
                return new Escape(EscKind.QUOTE, 0, ONE);
            case 'c': {
                if (pos >= n) {
                    throw new Failure("\\c at end of pattern", pos);
                }
                char x = p.charAt(pos++);
                if (x < 0x20 || x > 0x7E) {
                    throw new Failure("\\c must be followed by a printable ASCII character", pos - 1);
                }
                return ch(Character.toUpperCase(x) ^ 0x40);
            }
            case 'x':
                return ch(hexEscape());
            case 'o':
                return ch(octalBraces());
            case 'g':
                if (inClass) {
                    return ch('g'); // PCRE2 takes \g in a class as a literal g
                }
                gReference(at);
                return new Escape(EscKind.BACKREF, 0, ZERO);
            case 'k':
                if (inClass) {
                    throw new Failure("escape sequence is invalid in character class", pos - 1);
                }
                kReference();
                return new Escape(EscKind.BACKREF, 0, ZERO);
            case 'u': case 'U': case 'l': case 'L': case 'F':
                throw new Failure("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u", pos);
            case '0':
                return ch(octalDigits(pos - 1, 3));
            case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                return digitEscape(c, inClass, at);
            default:
                throw new Failure("unrecognized character follows \\", pos - 1);
        }
    }

    /** Up to {@code max} octal digits starting at {@code from}; moves pos past them. */
    private int octalDigits(int from, int max) throws Failure {
        int v = 0;
        int i = from;
        while (i < n && i - from < max && p.charAt(i) >= '0' && p.charAt(i) <= '7') {
            v = v * 8 + (p.charAt(i) - '0');
            i++;
        }
        pos = i;
        if (v > 0377) {
            throw new Failure("octal value is greater than \\377 in 8-bit non-UTF-8 mode", pos);
        }
        return v;
    }

    /** \1..\9...: a back reference or an octal escape, by PCRE2's rules. */
    private Escape digitEscape(char first, boolean inClass, int at) throws Failure {
        int start = pos - 1;
        if (inClass) {
            if (first == '8' || first == '9') {
                return ch(first);
            }
            return ch(octalDigits(start, 3));
        }
        int e = start;
        while (e < n && isDigit(p.charAt(e))) {
            e++;
        }
        String digits = p.substring(start, e);
        long num = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (num < 10 || first == '8' || first == '9' || num <= captures) {
            if (num > MAX_QUANTIFIER) {
                throw new Failure("subpattern number is too big", start);
            }
            pos = e;
            refs.add(new Ref(num, null, at + 1));
            return new Escape(EscKind.BACKREF, 0, ZERO);
        }
        return ch(octalDigits(start, 3));
    }

    /** After \x: {hex} (spaces allowed inside) or one or two hex digits. */
    private int hexEscape() throws Failure {
        if (pos < n && p.charAt(pos) == '{') {
            return bracedCode(16, "non-hex character in \\x{} (closing brace missing?)");
        }
        int d1 = pos < n ? Character.digit(p.charAt(pos), 16) : -1;
        if (d1 < 0) {
            // Perl reads this as NUL; PCRE2 (10.43+) forbids it
            throw new Failure("\\x must be followed by hex digits or {hex}", pos);
        }
        pos++;
        int d2 = pos < n ? Character.digit(p.charAt(pos), 16) : -1;
        if (d2 < 0) {
            return d1;
        }
        pos++;
        return d1 * 16 + d2;
    }

    /** After \o: {octal}. */
    private int octalBraces() throws Failure {
        if (pos >= n || p.charAt(pos) != '{') {
            throw new Failure("missing opening brace after \\o", pos);
        }
        return bracedCode(8, "non-octal character in \\o{} (closing brace missing?)");
    }

    /**
     * At '{' of \x{..} or \o{..}: digits of {@code radix} (blanks allowed around them) up to '}',
     * a code point of at most 0xFF (the non-UTF mode Suricata compiles in).
     */
    private int bracedCode(int radix, String badCloseMessage) throws Failure {
        int i = skipBlanks(pos + 1);
        int d = i;
        while (i < n && (radix == 8 ? p.charAt(i) >= '0' && p.charAt(i) <= '7'
                : Character.digit(p.charAt(i), radix) >= 0)) {
            i++;
        }
        if (d == i) {
            throw new Failure("digits missing in \\x{} or \\o{} or \\N{U+}", i);
        }
        String digits = p.substring(d, i);
        i = skipBlanks(i);
        if (i >= n || p.charAt(i) != '}') {
            throw new Failure(badCloseMessage, i);
        }
        pos = i + 1;
        if (new BigInteger(digits, radix).compareTo(BigInteger.valueOf(0xFF)) > 0) {
            throw new Failure("character code point value in \\x{} or \\o{} is too large", i);
        }
        return Integer.parseInt(digits, radix);
    }

    /** \g references: \gN, \g{N}, \g{-N}, \g-N, \g{name}, and subroutine calls \g<..>, \g'..'. */
    private void gReference(int at) throws Failure {
        if (pos >= n) {
            throw new Failure(G_ERROR, pos);
        }
        char c = p.charAt(pos);
        if (c == '<' || c == '\'') {
            char close = c == '<' ? '>' : '\'';
            int e = p.indexOf(close, pos + 1);
            if (e < 0) {
                throw new Failure(G_ERROR, pos);
            }
            String ref = p.substring(pos + 1, e);
            pos = e + 1;
            reference(ref, at, true);
            return;
        }
        if (c == '{') {
            int e = p.indexOf('}', pos + 1);
            if (e < 0) {
                throw new Failure(G_ERROR, pos);
            }
            String ref = p.substring(pos + 1, e);
            pos = e + 1;
            reference(ref, at, false);
            return;
        }
        int s = pos;
        if (c == '-' || c == '+') {
            pos++;
        }
        while (pos < n && isDigit(p.charAt(pos))) {
            pos++;
        }
        String ref = p.substring(s, pos);
        if (ref.isEmpty() || ref.equals("-") || ref.equals("+")) {
            throw new Failure(G_ERROR, pos);
        }
        reference(ref, at, false);
    }

    private static final String G_ERROR =
            "\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number";

    /** A reference written as a number, a signed relative number or a name. */
    private void reference(String ref, int at, boolean call) throws Failure {
        if (ref.isEmpty()) {
            throw new Failure(G_ERROR, at);
        }
        char c = ref.charAt(0);
        if (c == '-' || c == '+' || isDigit(c)) {
            String digits = (c == '-' || c == '+') ? ref.substring(1) : ref;
            if (!isDigits(digits)) {
                throw new Failure(G_ERROR, at);
            }
            long num = digits.length() > 9 ? Integer.MAX_VALUE : Long.parseLong(digits);
            long group;
            if (c == '-') {
                group = captures - num + 1;
                if (group <= 0) {
                    throw new Failure("reference to non-existent subpattern", at + 1);
                }
            } else if (c == '+') {
                if (!call) {
                    throw new Failure(G_ERROR, at);
                }
                group = captures + num;
            } else {
                group = num;
                if (group == 0 && call) {
                    return; // \g<0> recurses into the whole pattern
                }
            }
            refs.add(new Ref(group, null, at + 1));
            return;
        }
        if (!isWordName(ref)) {
            throw new Failure("syntax error in subpattern name (missing terminator?)", at);
        }
        refs.add(new Ref(0, ref, at + 1));
    }

    /** \k<name>, \k'name', \k{name}. */
    private void kReference() throws Failure {
        int at = pos;
        char c = pos < n ? p.charAt(pos) : 0;
        char close = c == '<' ? '>' : c == '\'' ? '\'' : c == '{' ? '}' : 0;
        if (close == 0) {
            throw new Failure("\\k is not followed by a braced, angle-bracketed, or quoted name", pos);
        }
        pos++;
        String name = readName(close);
        pos++;
        refs.add(new Ref(0, name, at));
    }

    /** After \p or \P: {Name} or a single letter; property names are not checked (lenient). */
    private void property() throws Failure {
        if (pos >= n) {
            throw new Failure("malformed \\P or \\p sequence", pos);
        }
        if (p.charAt(pos) == '{') {
            int e = p.indexOf('}', pos);
            if (e < 0 || e == pos + 1) {
                throw new Failure("malformed \\P or \\p sequence", pos);
            }
            pos = e + 1;
            return;
        }
        if (!Character.isLetter(p.charAt(pos))) {
            throw new Failure("malformed \\P or \\p sequence", pos);
        }
        pos++;
    }

    // ------------------------------------------------------------------ character classes

    /** A character class at '['. */
    private void characterClass(Mode mode) throws Failure {
        int start = pos;
        pos++;
        // a leading '^' negates; \E and empty \Q\E may come before or after it and keep a
        // following ']' literal
        boolean negated = false;
        while (true) {
            if (p.startsWith("\\E", pos)) {
                pos += 2;
            } else if (p.startsWith("\\Q\\E", pos)) {
                pos += 4;
            } else if (!negated && pos < n && p.charAt(pos) == '^') {
                negated = true;
                pos++;
            } else {
                break;
            }
        }
        boolean first = true;
        int prevChar = -1; // a single character that may start a range
        boolean prevType = false; // a class escape or POSIX class just ended
        boolean inQuote = false;
        while (true) {
            if (pos >= n) {
                throw new Failure("missing terminating ] for character class", n);
            }
            char c = p.charAt(pos);
            if (inQuote) {
                if (p.startsWith("\\E", pos)) {
                    inQuote = false;
                    pos += 2;
                    continue;
                }
                pos++;
                int v = c;
                prevChar = rangeOrChar(v, mode, inQuote);
                prevType = false;
                first = false;
                continue;
            }
            if (c == ']' && !first) {
                pos++;
                return;
            }
            if (mode.xx && (c == ' ' || c == '\t')) {
                pos++;
                continue;
            }
            first = false;
            if (c == '[' && pos + 1 < n && (p.charAt(pos + 1) == ':' || p.charAt(pos + 1) == '.'
                    || p.charAt(pos + 1) == '=') && posixEnd(pos + 1) >= 0) {
                posixClass();
                prevChar = -1;
                prevType = true;
                continue;
            }
            if (c == '\\') {
                if (p.startsWith("\\Q", pos)) {
                    inQuote = true;
                    pos += 2;
                    continue;
                }
                Escape e = escape(true, mode);
                if (e.kind == EscKind.TRANSPARENT) {
                    continue;
                }
                if (e.kind == EscKind.TYPE) {
                    prevChar = -1;
                    prevType = true;
                    continue;
                }
                prevChar = rangeOrChar(e.value, mode, false);
                prevType = false;
                continue;
            }
            if (c == '-' && prevType && pos + 1 < n && p.charAt(pos + 1) != ']') {
                throw new Failure("invalid range in character class", pos);
            }
            pos++;
            prevChar = rangeOrChar(c, mode, false);
            prevType = false;
        }
    }

    /**
     * A single character {@code v} just read: if a '-' and a range end follow, reads and checks
     * the range. Returns -1 when a range was read (the next '-' is literal), else {@code v}.
     */
    private int rangeOrChar(int v, Mode mode, boolean quoted) throws Failure {
        int save = pos;
        int i = pos;
        while (!quoted && p.startsWith("\\E", i)) {
            i += 2; // \E is ignored, also between a range start and its '-'
        }
        if (mode.xx && !quoted) {
            i = skipBlanks(i);
        }
        if (i >= n || p.charAt(i) != '-') {
            return v;
        }
        i++;
        if (mode.xx) {
            i = skipBlanks(i);
        }
        if (i >= n) {
            return v; // unterminated class: reported by the caller
        }
        char c = p.charAt(i);
        if (c == ']') {
            return v; // "a-]": the '-' is literal
        }
        int end;
        if (c == '[' && i + 1 < n && (p.charAt(i + 1) == ':' || p.charAt(i + 1) == '.'
                || p.charAt(i + 1) == '=') && posixEnd(i + 1) >= 0) {
            throw new Failure("invalid range in character class", i);
        } else if (c == '\\') {
            while (p.startsWith("\\E", i)) {
                i += 2; // \E outside a quote is ignored, also between '-' and the range end
            }
            if (i >= n || p.startsWith("\\Q", i)) {
                // a range end inside \Q..\E: rare; stay lenient
                pos = save;
                return v;
            }
            if (p.charAt(i) != '\\') {
                end = p.charAt(i);
                if (end == ']') {
                    pos = save;
                    return v;
                }
                pos = i + 1;
                if (end < v) {
                    throw new Failure("range out of order in character class", pos - 1);
                }
                return -1;
            }
            pos = i;
            Escape e = escape(true, mode);
            if (e.kind != EscKind.CHAR) {
                throw new Failure("invalid range in character class", i);
            }
            end = e.value;
        } else {
            end = c;
            pos = i + 1;
        }
        if (end < v) {
            throw new Failure("range out of order in character class", pos - 1);
        }
        return -1;
    }

    /** If a POSIX class like [:alpha:] starts at {@code i} (the ':', '.' or '='), where it ends; else -1. */
    private int posixEnd(int i) {
        char term = p.charAt(i);
        for (int j = i + 1; j < n; j++) {
            char c = p.charAt(j);
            if (c == '\\' && j + 1 < n && (p.charAt(j + 1) == ']' || p.charAt(j + 1) == '\\')) {
                j++;
            } else if ((c == '[' && j + 1 < n && p.charAt(j + 1) == term) || c == ']') {
                return -1;
            } else if (c == term && j + 1 < n && p.charAt(j + 1) == ']') {
                return j;
            }
        }
        return -1;
    }

    /** [:name:] inside a class, at its '['. */
    private void posixClass() throws Failure {
        char term = p.charAt(pos + 1);
        int end = posixEnd(pos + 1);
        if (term != ':') {
            throw new Failure("POSIX collating elements are not supported", pos);
        }
        String name = p.substring(pos + 2, end);
        if (name.startsWith("^")) {
            name = name.substring(1);
        }
        if (!POSIX_CLASSES.contains(name)) {
            throw new Failure("unknown POSIX class name", pos);
        }
        pos = end + 2;
        if (pos + 1 < n && p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
            throw new Failure("invalid range in character class", pos);
        }
    }

    /**
     * Outside a class, PCRE2 rejects what looks like a POSIX class ({@code [:alpha:]}): it is
     * almost certainly a mistake for {@code [[:alpha:]]}.
     */
    private boolean looksLikeTopLevelPosix(int at) {
        return at + 1 < n && (p.charAt(at + 1) == ':' || p.charAt(at + 1) == '.' || p.charAt(at + 1) == '=')
                && posixEnd(at + 1) >= 0;
    }
}
