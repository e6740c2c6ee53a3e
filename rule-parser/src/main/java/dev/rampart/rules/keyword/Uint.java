package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleParseException;
import java.math.BigInteger;
import java.util.Locale;

/**
 * An unsigned integer condition as Suricata's integer keywords write it ({@code dsize}, {@code bsize},
 * {@code urilen}, header fields, ...): {@code N}, {@code =N}, {@code !N}, {@code <N}, {@code <=N},
 * {@code >N}, {@code >=N}, {@code A<>B} or {@code A-B} (exclusive range), {@code !A<>B} (outside the
 * range) and {@code &M=V} / {@code &M!=V} (bit mask). Values are decimal (optionally with a
 * {@code kb}/{@code mb}/{@code gb} unit) or {@code 0x} hex. The grammar follows Suricata's shared
 * integer parser ({@code detect/uint.rs}), including its checks that reject conditions that can
 * never match ({@code <0}, {@code >max}, ranges without a value inside, masks that exclude the value).
 *
 * @param mode the comparison
 * @param arg1 the value; the lower bound of a range; the mask of a bit mask condition
 * @param arg2 the upper bound of a range; the expected masked value; 0 otherwise
 */
public record Uint(Mode mode, long arg1, long arg2) {

    /** Single-value modes keep their value in both fields, so equal conditions are equal records. */
    public Uint {
        if (mode != Mode.RANGE && mode != Mode.NEG_RANGE && mode != Mode.BITMASK && mode != Mode.NEG_BITMASK) {
            arg2 = arg1;
        }
    }

    /** The value of a single-value condition (EQ, NE, LT, LE, GT, GE); the lower bound of a range. */
    public long value() {
        return arg1;
    }

    /** The comparisons, with their canonical spelling. */
    public enum Mode {
        EQ(""), NE("!"), LT("<"), LE("<="), GT(">"), GE(">="), RANGE("<>"), NEG_RANGE("!<>"),
        BITMASK("&"), NEG_BITMASK("&!");

        final String symbol;

        Mode(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Largest value of a u8, u16, u32 and u64 field (u64 is held as a signed long: Long.MAX_VALUE here). */
    public static final long U8 = 0xFFL;
    public static final long U16 = 0xFFFFL;
    public static final long U32 = 0xFFFF_FFFFL;
    public static final long U64 = Long.MAX_VALUE;

    public static Uint eq(long v) {
        return new Uint(Mode.EQ, v, 0);
    }

    /** Whether {@code value} satisfies the condition. */
    public boolean matches(long value) {
        return switch (mode) {
            case EQ -> value == arg1;
            case NE -> value != arg1;
            case LT -> value < arg1;
            case LE -> value <= arg1;
            case GT -> value > arg1;
            case GE -> value >= arg1;
            case RANGE -> value > arg1 && value < arg2;
            case NEG_RANGE -> value <= arg1 || value >= arg2;
            case BITMASK -> (value & arg1) == arg2;
            case NEG_BITMASK -> (value & arg1) != arg2;
        };
    }

    /**
     * Parses a condition whose values may not exceed {@code max} ({@link #U8}, {@link #U16}, ...).
     *
     * @param keyword for error messages
     */
    public static Uint parse(String keyword, String text, long max) throws RuleParseException {
        Scanner s = new Scanner(keyword, text, max, false);
        Uint u = s.condition();
        s.spaces();
        if (!s.atEnd()) {
            throw s.error("unexpected \"" + text.substring(s.pos).trim() + "\"");
        }
        return u;
    }

    /**
     * Parses a condition at the start of {@code text} and returns it with the index where it
     * ended, for keywords that add options after it ({@code urilen:>10,raw}) and, like Suricata's
     * parser for them, do not read the whole value: a range that fails its checks is then read as
     * its first number alone ({@code 20<>21} is {@code 20}).
     */
    public static Prefix parsePrefix(String keyword, String text, long max) throws RuleParseException {
        Scanner s = new Scanner(keyword, text, max, true);
        Uint u = s.condition();
        return new Prefix(u, s.pos);
    }

    /** A condition parsed from the start of a value, and where it ended. */
    public record Prefix(Uint value, int end) {
    }

    /** Appends the canonical text ({@code 5}, {@code !5}, {@code <=5}, {@code 1<>9}, {@code &0x3=0x1}). */
    public void appendTo(StringBuilder out) {
        switch (mode) {
            case RANGE -> out.append(arg1).append("<>").append(arg2);
            case NEG_RANGE -> out.append('!').append(arg1).append("<>").append(arg2);
            case BITMASK -> out.append("&0x").append(Long.toHexString(arg1)).append("=0x").append(Long.toHexString(arg2));
            case NEG_BITMASK -> out.append("&0x").append(Long.toHexString(arg1)).append("!=0x")
                    .append(Long.toHexString(arg2));
            default -> out.append(mode.symbol).append(arg1);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    /** Hand-written scanner for the grammar above (no regular expressions). */
    private static final class Scanner {
        final String keyword;
        final String s;
        final long max;
        final boolean prefix;
        int pos;

        Scanner(String keyword, String s, long max, boolean prefix) {
            this.keyword = keyword;
            this.s = s;
            this.max = max;
            this.prefix = prefix;
        }

        RuleParseException error(String why) {
            return new RuleParseException(keyword + ": invalid value \"" + s.trim() + "\": " + why);
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        boolean eat(String t) {
            if (s.startsWith(t, pos)) {
                pos += t.length();
                return true;
            }
            return false;
        }

        void spaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        boolean digitNext() {
            return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
        }

        Uint condition() throws RuleParseException {
            spaces();
            if (eat("&")) {
                spaces();
                long mask = value();
                spaces();
                boolean neg = eat("!");
                if (!eat("=")) {
                    throw error("bit mask needs '=' or '!=' after the mask");
                }
                spaces();
                long v = value();
                if ((v & mask) != v) {
                    throw error("masked value can never match");
                }
                return new Uint(neg ? Mode.NEG_BITMASK : Mode.BITMASK, mask, v);
            }
            int start = pos;
            boolean neg = eat("!");
            if (digitNext()) {
                // a range ("1<>9", "1-9", "!1<>9") or, without a separator, a plain value
                long a = value();
                int afterA = pos;
                spaces();
                if (eat("<>") || eat("-")) {
                    spaces();
                    try {
                        long b = value();
                        if (b <= a || b - a <= 1) {
                            throw error("range " + a + "<>" + b + " has no value inside it");
                        }
                        return new Uint(neg ? Mode.NEG_RANGE : Mode.RANGE, a, b);
                    } catch (RuleParseException e) {
                        if (!prefix) {
                            throw e;
                        }
                        // Suricata's parser then reads just the first number and, where the
                        // keyword does not require the whole value to be read, ignores the rest
                    }
                }
                pos = afterA;
                return new Uint(neg ? Mode.NE : Mode.EQ, a, 0);
            }
            pos = start;
            Mode mode;
            if (eat(">=")) {
                mode = Mode.GE;
            } else if (eat("<=")) {
                mode = Mode.LE;
            } else if (eat(">")) {
                mode = Mode.GT;
            } else if (eat("<")) {
                mode = Mode.LT;
            } else if (eat("!=") || eat("!")) {
                mode = Mode.NE;
            } else if (eat("=")) {
                mode = Mode.EQ;
            } else {
                throw error("expected a number or one of < <= > >= ! = &");
            }
            spaces();
            long v = value();
            if ((mode == Mode.LT || mode == Mode.GE) && v == 0) {
                throw error(mode.symbol + "0 can never match");
            }
            if ((mode == Mode.GT || mode == Mode.LE) && v == max) {
                throw error(mode.symbol + v + " is outside the value range");
            }
            return new Uint(mode, v, 0);
        }

        /** A decimal value with an optional unit, or a 0x hex value; at most {@code max}. */
        long value() throws RuleParseException {
            if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
                int st = pos + 2;
                int e = st;
                while (e < s.length() && Character.digit(s.charAt(e), 16) >= 0) {
                    e++;
                }
                if (e == st) {
                    throw error("0x without hex digits");
                }
                pos = e;
                return check(new BigInteger(s.substring(st, e), 16));
            }
            int st = pos;
            while (digitNext()) {
                pos++;
            }
            if (pos == st) {
                throw error("number expected");
            }
            BigInteger v = new BigInteger(s.substring(st, pos));
            long unit = 1;
            if (pos + 2 <= s.length()) {
                String u = s.substring(pos, pos + 2).toLowerCase(Locale.ROOT);
                unit = switch (u) {
                    case "kb" -> 1024L;
                    case "mb" -> 1024L * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1;
                };
                if (unit != 1) {
                    pos += 2;
                }
            }
            return check(v.multiply(BigInteger.valueOf(unit)));
        }

        long check(BigInteger v) throws RuleParseException {
            if (v.compareTo(BigInteger.valueOf(max)) > 0) {
                throw error("value " + v + " is larger than " + max);
            }
            return v.longValue();
        }
    }
}
