package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.ParseContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Argument syntax shared by byte_test, byte_jump, byte_extract, byte_math and isdataat: comma
 * separated tokens, C-style numbers (as Suricata reads them with strtol/strtoull) and the names of
 * byte_extract/byte_math variables.
 */
final class ByteArgs {
    private ByteArgs() {
    }

    /** Splits at commas and trims; an empty token (",,", trailing ',') is an error. */
    static List<String> tokens(String keyword, String value) throws RuleParseException {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ',') {
                String t = value.substring(start, i).trim();
                if (t.isEmpty()) {
                    throw new RuleParseException(keyword + ": empty argument in \"" + value + "\"");
                }
                out.add(t);
                start = i + 1;
            }
        }
        return out;
    }

    /** Splits "name value" at the first white space: {name, value trimmed} ("" when no value). */
    static String[] wordAndRest(String token) {
        int i = 0;
        while (i < token.length() && !Character.isWhitespace(token.charAt(i))) {
            i++;
        }
        return new String[] {token.substring(0, i), token.substring(i).trim()};
    }

    /** Suricata's test for "this argument names a variable": it starts with a letter. */
    static boolean isVariableName(String token) {
        char c = token.charAt(0);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A variable that byte_extract or byte_math defined earlier in the rule. */
    static NumOrVar variable(String keyword, String name, ParseContext ctx) throws RuleParseException {
        if (!ctx.isVariable(name)) {
            throw new RuleParseException(keyword + ": unknown byte_extract/byte_math variable \"" + name + "\"");
        }
        return NumOrVar.var(name);
    }

    /** A variable name or a whole-token integer in [min, max] (base 10, or 0 for C's 0x/0 prefixes). */
    static NumOrVar numberOrVariable(String keyword, String what, String token, int base, long min, long max,
            ParseContext ctx) throws RuleParseException {
        if (isVariableName(token)) {
            return variable(keyword, token, ctx);
        }
        return NumOrVar.of(integer(keyword, what, token, base, min, max));
    }

    /**
     * A whole token as a signed integer in [min, max]; base 10, or 0 for C's rules ({@code 0x} hex,
     * leading {@code 0} octal, else decimal).
     */
    static long integer(String keyword, String what, String token, int base, long min, long max)
            throws RuleParseException {
        String t = token.trim();
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            neg = t.charAt(i) == '-';
            i++;
        }
        int radix = base;
        if (base == 0) {
            if (t.startsWith("0x", i) || t.startsWith("0X", i)) {
                radix = 16;
                i += 2;
            } else if (t.startsWith("0", i) && t.length() > i + 1) {
                radix = 8;
                i++;
            } else {
                radix = 10;
            }
        }
        String digits = t.substring(i);
        long v;
        try {
            if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
                throw new NumberFormatException();
            }
            v = Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new RuleParseException(keyword + ": malformed " + what + " \"" + token + "\"");
        }
        if (neg) {
            v = -v;
        }
        if (v < min || v > max) {
            throw new RuleParseException(keyword + ": " + what + " " + v + " out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    /**
     * An unsigned 64-bit value read like C's strtoull with base 0: the longest numeric prefix
     * counts and the rest is ignored (Suricata accepts {@code 0xffULL}); no digits is an error.
     * Values above Long.MAX_VALUE keep their bits (compare with Long.compareUnsigned).
     */
    static long unsignedPrefix(String keyword, String what, String token) throws RuleParseException {
        String t = token.trim();
        int i = 0;
        boolean neg = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            neg = t.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if ((t.startsWith("0x", i) || t.startsWith("0X", i)) && i + 2 < t.length()
                && Character.digit(t.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (t.startsWith("0", i)) {
            radix = 8;
        }
        int start = i;
        BigInteger v = BigInteger.ZERO;
        BigInteger r = BigInteger.valueOf(radix);
        while (i < t.length() && Character.digit(t.charAt(i), radix) >= 0) {
            v = v.multiply(r).add(BigInteger.valueOf(Character.digit(t.charAt(i), radix)));
            i++;
        }
        if (i == start) {
            throw new RuleParseException(keyword + ": malformed " + what + " \"" + token + "\"");
        }
        if (v.bitLength() > 64) {
            throw new RuleParseException(keyword + ": " + what + " \"" + token + "\" out of range");
        }
        long l = v.longValue();
        return neg ? -l : l;
    }

    /** A value read by {@link #unsignedPrefix}, in decimal. */
    static String unsigned(long v) {
        return Long.toUnsignedString(v);
    }

    /**
     * The buffer a byte_test/byte_jump/byte_extract/byte_math/isdataat goes to: the active sticky
     * buffer; else, when relative, the buffer of the last payload match of any buffer (content,
     * pcre or an earlier byte_* / isdataat, as Suricata's DetectGetLastSMFromLists); else the payload.
     */
    static Buffer buffer(ParseContext ctx, boolean relative) {
        if (ctx.stickyActive()) {
            return ctx.buffer();
        }
        if (!relative) {
            return Buffer.PAYLOAD;
        }
        PayloadOption last = lastPayloadMatch(ctx);
        return last == null ? Buffer.PAYLOAD : last.buffer();
    }

    /** The last content, pcre, byte_* or isdataat option in any buffer, or null. */
    static PayloadOption lastPayloadMatch(ParseContext ctx) {
        List<RuleOption> options = ctx.options();
        for (int i = options.size() - 1; i >= 0; i--) {
            RuleOption o = options.get(i);
            if (o instanceof ContentOption || o instanceof PcreOption || o instanceof ByteTestOption
                    || o instanceof ByteJumpOption || o instanceof ByteExtractOption || o instanceof ByteMathOption
                    || o instanceof IsdataatOption) {
                return (PayloadOption) o;
            }
        }
        return null;
    }

    /** Largest byte count: 8 without string; with string, what fits 64 bits in the base. */
    static void checkByteCount(String keyword, long nbytes, boolean string, ByteBase base, int stringMax)
            throws RuleParseException {
        if (string) {
            int max = base == null ? stringMax : switch (base) {
                case HEX -> Math.min(stringMax, 14);
                case DEC -> Math.min(stringMax, 20);
                case OCT -> stringMax;
            };
            if (nbytes > max) {
                throw new RuleParseException(keyword + ": cannot convert more than " + max + " bytes with \"string\"");
            }
        } else if (nbytes > 8) {
            throw new RuleParseException(keyword + ": cannot read more than 8 bytes without \"string\"");
        }
    }
}
