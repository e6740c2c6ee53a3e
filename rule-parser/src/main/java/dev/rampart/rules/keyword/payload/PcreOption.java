package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code pcre:[!]"/pattern/flags[, flow:var, pkt:var]"} — a PCRE2 regular expression on the
 * active buffer. The pattern is kept as written (escapes included: PCRE2 reads {@code \;} and
 * {@code \"} as literal characters) and must compile ({@link PcreSyntax}); the flags are PCRE2
 * options, Suricata's own modifiers and the letters that put the pcre into an HTTP buffer, as the
 * legacy content modifiers do.
 *
 * @param pattern  the regular expression between the delimiting slashes, as written
 * @param negated  {@code !}: the rule matches when the expression does not
 * @param flags    the modifier letters, in canonical (enum) order
 * @param captures {@code pkt:name} / {@code flow:name} variables the capture groups are stored in
 * @param buffer   the inspection buffer
 */
public record PcreOption(String pattern, boolean negated, Set<Flag> flags, List<String> captures, Buffer buffer)
        implements PayloadOption {

    public static final KeywordDef DEF = KeywordDef.of("pcre",
            KeywordDef.doc("payload-keywords", "pcre-perl-compatible-regular-expressions"), ValueMode.REQUIRED,
            PcreOption::parse);

    /** Most pkt/flow variables one pcre may capture into (Suricata's DETECT_PCRE_CAPTURE_MAX). */
    static final int MAX_CAPTURES = 8;

    /** The modifier letters after the closing slash. */
    public enum Flag {
        CASELESS('i'), DOTALL('s'), MULTILINE('m'), EXTENDED('x'), ANCHORED('A'), DOLLAR_ENDONLY('E'),
        UNGREEDY('G'),
        /** Suricata: match relative to the previous match (like distance:0). */
        RELATIVE('R'),
        /** Suricata: override the configured match limits. */
        MATCH_LIMIT('O'),
        /** Snort's rawbytes: accepted for compatibility. */
        RAWBYTES('B'),
        URI('U', "http.uri"), RAW_URI('I', "http.uri.raw"), REQUEST_BODY('P', "http.request_body"),
        /** Suricata inspects /Q in file_data (the response body). */
        RESPONSE_BODY('Q', "file.data"), HEADER('H', "http.header"), RAW_HEADER('D', "http.header.raw"),
        METHOD('M', "http.method"), COOKIE('C', "http.cookie"), STAT_CODE('S', "http.stat_code"),
        STAT_MSG('Y', "http.stat_msg"), USER_AGENT('V', "http.user_agent"), HOST('W', "http.host"),
        RAW_HOST('Z', "http.host.raw");

        private final char letter;
        private final String bufferName;

        Flag(char letter) {
            this(letter, null);
        }

        Flag(char letter, String bufferName) {
            this.letter = letter;
            this.bufferName = bufferName;
        }

        public char letter() {
            return letter;
        }

        /** The sticky buffer a buffer-selecting letter puts the pcre in, or null. */
        public String bufferName() {
            return bufferName;
        }

        /** values() clones its array on every call; the parser asks once per keyword. */
        private static final Flag[] ALL = values();

        static Flag of(char c) {
            for (Flag f : ALL) {
                if (f.letter == c) {
                    return f;
                }
            }
            return null;
        }
    }

    public PcreOption {
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        captures = List.copyOf(captures);
    }

    public boolean has(Flag f) {
        return flags.contains(f);
    }

    public boolean isRelative() {
        return flags.contains(Flag.RELATIVE);
    }

    /** The buffer-selecting flag (/U, /H, ...), or null. */
    public Flag bufferFlag() {
        for (Flag f : flags) {
            if (f.bufferName != null) {
                return f;
            }
        }
        return null;
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = value;
        boolean negated = false;
        if (v.startsWith("!")) {
            negated = true;
            v = v.substring(1).trim();
        }
        // quotes are optional for pcre (Suricata's SIGMATCH_QUOTES_OPTIONAL)
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            v = v.substring(1, v.length() - 1);
        }
        List<String> captures = new ArrayList<>(0);
        v = cutCaptureNames(v, captures);
        int open = openingSlash(v);
        int close = open < 0 ? -1 : closingSlash(v, open);
        if (close < 0) {
            throw new RuleParseException("pcre: parse error, expected /pattern/flags: " + value);
        }
        String pattern = v.substring(open + 1, close);
        int flagsEnd = v.indexOf('"', close + 1);
        String letters = v.substring(close + 1, flagsEnd < 0 ? v.length() : flagsEnd);

        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        Flag bufferFlag = null;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            Flag f = Flag.of(c);
            if (f == null) {
                throw new RuleParseException("pcre: unknown regex modifier '" + c + "'");
            }
            if (f == Flag.RAWBYTES && bufferFlag != null) {
                throw new RuleParseException("pcre: regex modifier 'B' inconsistent with chosen buffer");
            }
            if (f.bufferName != null) {
                // Suricata checks 'B' only for the buffers that have a raw/normalised distinction
                if (flags.contains(Flag.RAWBYTES) && "UVWZHIMC".indexOf(c) >= 0) {
                    throw new RuleParseException("pcre: regex modifier '" + c + "' inconsistent with 'B'");
                }
                if (bufferFlag != null) {
                    throw new RuleParseException("pcre: only one pcre option to specify a buffer type is allowed");
                }
                bufferFlag = f;
            }
            flags.add(f);
        }
        if (bufferFlag == Flag.HOST && !flags.contains(Flag.CASELESS) && hasUpperCase(pattern)) {
            throw new RuleParseException("pcre: host (\"W\") pattern has an uppercase character while the hostname "
                    + "buffer is lower case; use a lower case pattern");
        }

        PcreSyntax.Info info;
        try {
            info = PcreSyntax.check(pattern, flags.contains(Flag.EXTENDED));
        } catch (PcreSyntax.Failure f) {
            throw new RuleParseException("pcre: compile of \"" + pattern + "\" failed at offset " + f.offset() + ": "
                    + f.getMessage());
        }
        checkCaptures(captures, info);

        Buffer buffer;
        if (ctx.stickyActive()) {
            if (bufferFlag != null && (!sameList(bufferFlag.bufferName, ctx.buffer().name())
                    || !ctx.buffer().transforms().isEmpty())) {
                throw new RuleParseException("pcre: /" + bufferFlag.letter + " seen with a sticky buffer still set; "
                        + "reset it with pkt_data or use the sticky buffer " + bufferFlag.bufferName);
            }
            buffer = ctx.buffer();
        } else {
            buffer = bufferFlag == null ? Buffer.PAYLOAD : Buffer.of(bufferFlag.bufferName);
        }
        if (flags.contains(Flag.RELATIVE) && !ctx.stickyActive() && !hasAnchor(ctx, buffer)) {
            throw new RuleParseException("pcre with /R (relative) needs preceding match in the same buffer");
        }
        ctx.add(new PcreOption(pattern, negated, flags, captures, buffer));
    }

    /**
     * Whether a relative pcre has something to anchor to in its buffer: a content or pcre (as in
     * Suricata 7) or a byte_jump/byte_extract/byte_math, which move the detection pointer too
     * (accepted by newer Suricata; lenient here).
     */
    private static boolean hasAnchor(ParseContext ctx, Buffer buffer) {
        List<RuleOption> options = ctx.options();
        for (int i = options.size() - 1; i >= 0; i--) {
            RuleOption o = options.get(i);
            if ((o instanceof ContentOption || o instanceof PcreOption || o instanceof ByteJumpOption
                    || o instanceof ByteExtractOption || o instanceof ByteMathOption)
                    && sameBuffer(((PayloadOption) o).buffer(), buffer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether two buffer names are one inspection list in Suricata: http.response_body
     * (http_server_body) is the HTTP side of file.data, where /Q looks.
     */
    static boolean sameList(String a, String b) {
        return a.equals(b) || (isResponseBody(a) && isResponseBody(b));
    }

    private static boolean isResponseBody(String name) {
        return name.equals("file.data") || name.equals("http.response_body");
    }

    private static boolean sameBuffer(Buffer a, Buffer b) {
        return a.transforms().equals(b.transforms()) && sameList(a.name(), b.name());
    }

    /** The first '/' not preceded by a backslash, or -1. */
    static int openingSlash(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/' && (i == 0 || s.charAt(i - 1) != '\\')) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The last '/' after {@code open} that ends the pattern, as Suricata's parse regex picks it: not
     * preceded by a single backslash (an escaped backslash before it is fine). -1 when none.
     */
    static int closingSlash(String s, int open) {
        for (int j = s.length() - 1; j > open; j--) {
            if (s.charAt(j) != '/') {
                continue;
            }
            boolean escaped = s.charAt(j - 1) == '\\' && !(j - 2 >= 0 && s.charAt(j - 2) == '\\');
            if (j == open + 1 || !escaped) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Suricata cuts capture names ({@code , flow:name, pkt:name}) off the value where the first
     * {@code flow:} or {@code pkt:} is preceded by ',' or ' '; without such a separator the text
     * is part of the expression.
     */
    private static String cutCaptureNames(String v, List<String> captures) {
        int f = v.indexOf("flow:");
        int p = v.indexOf("pkt:");
        int cut = f < 0 ? p : p < 0 ? f : Math.min(f, p);
        if (cut <= 1) {
            return v;
        }
        int end = cut - 1;
        while (end > 0 && (v.charAt(end) == ',' || v.charAt(end) == ' ')) {
            end--;
        }
        if (end == cut - 1) {
            return v;
        }
        String names = v.substring(cut);
        if (names.endsWith("\"")) {
            names = names.substring(0, names.length() - 1);
        }
        int start = 0;
        for (int i = 0; i <= names.length(); i++) {
            if (i == names.length() || names.charAt(i) == ' ' || names.charAt(i) == ',') {
                if (i > start) {
                    captures.add(names.substring(start, i));
                }
                start = i + 1;
            }
        }
        return v.substring(0, end + 1);
    }

    private static void checkCaptures(List<String> captures, PcreSyntax.Info info) throws RuleParseException {
        // like Suricata, names are only looked at when the expression has capturing groups
        if (info.captureCount() > 0 && !captures.isEmpty()) {
            if (captures.size() > info.captureCount()) {
                throw new RuleParseException("pcre: more pkt/flow var capture names than capturing substrings");
            }
            for (String n : captures) {
                if (!n.startsWith("pkt:") && !n.startsWith("flow:")) {
                    throw new RuleParseException("pcre: pkt/flow var capture names must start with 'pkt:' or 'flow:'");
                }
            }
        }
        int named = 0;
        for (String name : info.names()) {
            if (name.startsWith("pkt_") || name.startsWith("flow_")) {
                named++;
            }
        }
        if (captures.size() + named > MAX_CAPTURES) {
            throw new RuleParseException("pcre: rule can have maximally " + MAX_CAPTURES + " pkt/flow var captures");
        }
    }

    /**
     * Suricata's check for an upper case letter in a /W pattern: escaped characters are skipped,
     * and so are the two digits of a {@code \x} escape (with the quirk that the character after
     * them is read as escaped too).
     */
    static boolean hasUpperCase(String re) {
        boolean meta = false;
        boolean metaHex = false;
        int hexCount = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (metaHex) {
                if (++hexCount == 2) {
                    metaHex = false;
                    hexCount = 0;
                }
            } else if (meta) {
                if (c == 'x') {
                    metaHex = true;
                } else {
                    meta = false;
                }
            } else if (c == '\\') {
                meta = true;
            } else if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String keyword() {
        return "pcre";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append("\"/").append(pattern).append('/');
        for (Flag f : flags) {
            out.append(f.letter);
        }
        for (String c : captures) {
            out.append(',').append(c);
        }
        out.append('"');
    }
}
