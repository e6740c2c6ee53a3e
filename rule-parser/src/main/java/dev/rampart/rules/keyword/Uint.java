package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleParseException;

/**
 * An unsigned integer comparison, the value syntax Suricata shares between numeric keywords
 * ({@code ttl}, {@code dsize}, {@code itype}, {@code tcp.mss}, {@code stream_size}, {@code bsize},
 * {@code filesize}, ...): {@code N}, {@code =N}, {@code !N}, {@code !=N}, {@code <N},
 * {@code <=N}, {@code >N}, {@code >=N}, {@code N-M} / {@code N<>M} (exclusive range),
 * {@code !N-M} (outside the range) and Suricata 8's {@code &MASK=V} / {@code &MASK!=V}.
 *
 * <p>Fields: for single-value modes {@code min == max ==} the value; for {@link Mode#RANGE} and
 * {@link Mode#NOT_RANGE} the exclusive bounds ({@code min < x < max}); for the bitmask modes
 * {@code min} is the mask and {@code max} the expected masked value.
 */
public record Uint(Mode mode, long min, long max) {

    public enum Mode { EQ, NE, LT, LE, GT, GE, RANGE, NOT_RANGE, BITMASK, NOT_BITMASK }

    public static final long U8 = 0xFFL;
    public static final long U16 = 0xFFFFL;
    public static final long U32 = 0xFFFF_FFFFL;
    /** Suricata's u64 keywords; values above 2^63-1 are not representable here (none are used). */
    public static final long U64 = Long.MAX_VALUE;

    public static Uint eq(long v) {
        return new Uint(Mode.EQ, v, v);
    }

    /** The value of a single-value mode (EQ, NE, LT, LE, GT, GE). */
    public long value() {
        return min;
    }

    /** Whether {@code v} satisfies the comparison. */
    public boolean matches(long v) {
        return switch (mode) {
            case EQ -> v == min;
            case NE -> v != min;
            case LT -> v < min;
            case LE -> v <= min;
            case GT -> v > min;
            case GE -> v >= min;
            case RANGE -> v > min && v < max;
            case NOT_RANGE -> v <= min || v >= max;
            case BITMASK -> (v & min) == max;
            case NOT_BITMASK -> (v & min) != max;
        };
    }

    /**
     * Parses the comparison for {@code keyword}, values in {@code [0, maxValue]}. Follows
     * Suricata's rules: {@code <0}, {@code >=0}, {@code >MAX}, {@code <=MAX} can never (or always)
     * match and are rejected; a range needs at least one value strictly between its bounds.
     */
    public static Uint parse(String keyword, String text, long maxValue) throws RuleParseException {
        Cursor c = new Cursor(keyword, text, maxValue);
        c.spaces();
        Uint u = c.comparison();
        c.spaces();
        if (!c.atEnd()) {
            throw new RuleParseException(keyword + ": invalid numeric value \"" + text.trim() + "\"");
        }
        return u;
    }

    /** Prints the canonical form (decimal numbers, {@code <>} for ranges) parseable by {@link #parse}. */
    public void appendTo(StringBuilder out) {
        switch (mode) {
            case EQ -> out.append(min);
            case NE -> out.append('!').append(min);
            case LT -> out.append('<').append(min);
            case LE -> out.append("<=").append(min);
            case GT -> out.append('>').append(min);
            case GE -> out.append(">=").append(min);
            case RANGE -> out.append(min).append("<>").append(max);
            case NOT_RANGE -> out.append('!').append(min).append("<>").append(max);
            case BITMASK -> out.append('&').append(min).append('=').append(max);
            case NOT_BITMASK -> out.append('&').append(min).append("!=").append(max);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    /** Hand-written scanner over the value text (no regex). */
    private static final class Cursor {
        private final String keyword;
        private final String s;
        private final long maxValue;
        private int i;

        Cursor(String keyword, String s, long maxValue) {
            this.keyword = keyword;
            this.s = s;
            this.maxValue = maxValue;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        boolean peek(char ch) {
            return i < s.length() && s.charAt(i) == ch;
        }

        boolean take(String tok) {
            if (s.startsWith(tok, i)) {
                i += tok.length();
                return true;
            }
            return false;
        }

        void spaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        RuleParseException invalid() {
            return new RuleParseException(keyword + ": invalid numeric value \"" + s.trim() + "\"");
        }

        Uint comparison() throws RuleParseException {
            if (take("&")) {
                return bitmask();
            }
            if (take(">=")) {
                return single(Mode.GE);
            }
            if (take("<=")) {
                return single(Mode.LE);
            }
            if (take(">")) {
                return single(Mode.GT);
            }
            if (take("<")) {
                return single(Mode.LT);
            }
            if (take("!=")) {
                return single(Mode.NE);
            }
            if (take("=")) {
                return single(Mode.EQ);
            }
            boolean neg = take("!");
            if (neg) {
                spaces();
            }
            long a = number();
            int save = i;
            spaces();
            boolean range = take("<>") || take("-");
            if (!range) {
                i = save;
                return new Uint(neg ? Mode.NE : Mode.EQ, a, a);
            }
            spaces();
            long b = number();
            // Suricata requires a value strictly between the (exclusive) bounds
            if (b <= a || b - a <= 1) {
                throw new RuleParseException(keyword + ": invalid range " + a + "-" + b
                        + " (the upper bound must exceed the lower by at least 2)");
            }
            return new Uint(neg ? Mode.NOT_RANGE : Mode.RANGE, a, b);
        }

        private Uint single(Mode mode) throws RuleParseException {
            spaces();
            long v = number();
            boolean never = switch (mode) {
                case LT, GE -> v == 0;
                case GT, LE -> v == maxValue;
                default -> false;
            };
            if (never) {
                throw new RuleParseException(keyword + ": comparison " + mode.name().toLowerCase() + " " + v
                        + " is always or never true");
            }
            return new Uint(mode, v, v);
        }

        private Uint bitmask() throws RuleParseException {
            spaces();
            long mask = number();
            spaces();
            boolean neg = take("!");
            if (!take("=")) {
                throw invalid();
            }
            spaces();
            long v = number();
            if ((v & mask) != v) {
                throw new RuleParseException(keyword + ": bitmask value " + v + " can never match mask " + mask);
            }
            return new Uint(neg ? Mode.NOT_BITMASK : Mode.BITMASK, mask, v);
        }

        /** Decimal (with an optional kb/mb/gb/kib/mib/gib unit, as Suricata allows) or 0x hex. */
        long number() throws RuleParseException {
            int start = i;
            long v = 0;
            if (s.startsWith("0x", i)) {
                i += 2;
                int digits = i;
                while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                    v = checked(v * 16 + Character.digit(s.charAt(i), 16), v, 16);
                    i++;
                }
                if (i == digits) {
                    throw invalid();
                }
                return bound(v, start);
            }
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = checked(v * 10 + (s.charAt(i) - '0'), v, 10);
                i++;
            }
            if (i == start) {
                throw invalid();
            }
            long unit = unit();
            if (unit > 1 && v >= 1) {
                if (maxValue / unit < v) {
                    throw new RuleParseException(keyword + ": value " + s.substring(start, i) + " out of range");
                }
                v *= unit;
            }
            return bound(v, start);
        }

        private long unit() {
            String[] names = {"kib", "kb", "mib", "mb", "gib", "gb"};
            long[] mult = {1024L, 1024L, 1024L * 1024, 1024L * 1024, 1024L * 1024 * 1024, 1024L * 1024 * 1024};
            for (int k = 0; k < names.length; k++) {
                if (s.regionMatches(true, i, names[k], 0, names[k].length())) {
                    i += names[k].length();
                    return mult[k];
                }
            }
            return 1;
        }

        private long checked(long next, long prev, int radix) throws RuleParseException {
            if (next < 0 || prev > Long.MAX_VALUE / radix) {
                throw new RuleParseException(keyword + ": numeric value out of range in \"" + s.trim() + "\"");
            }
            return next;
        }

        private long bound(long v, int start) throws RuleParseException {
            if (v > maxValue) {
                throw new RuleParseException(keyword + ": value " + s.substring(start, i) + " out of range [0, "
                        + maxValue + "]");
            }
            return v;
        }
    }
}
