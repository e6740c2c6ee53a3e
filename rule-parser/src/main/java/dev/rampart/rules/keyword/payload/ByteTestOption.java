package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.List;
import java.util.Locale;

/**
 * {@code byte_test:<nbytes>, [!]<op>, <value>, <offset>[, relative][, big|little][, string[, hex|dec|oct]]
 * [, dce][, bitmask <mask>]} — reads bytes as a number and compares it.
 *
 * @param nbytes   bytes to read (1..8, up to 23 in string mode), or a variable
 * @param negated  {@code !} before the operator
 * @param operator the comparison
 * @param value    the value compared with (unsigned 64 bit), or a variable
 * @param offset   where to read, or a variable
 * @param relative offset counts from the previous match
 * @param endian   byte order (null: the default, big); {@link ByteEndian#DCE} for {@code dce}
 * @param string   the bytes are digits in text form
 * @param base     base of the digits in string mode (null: not given)
 * @param bitmask  AND mask applied before comparing (null: none)
 * @param buffer   the inspection buffer
 */
public record ByteTestOption(NumOrVar nbytes, boolean negated, Operator operator, NumOrVar value, NumOrVar offset,
        boolean relative, ByteEndian endian, boolean string, ByteBase base, Long bitmask, Buffer buffer)
        implements PayloadOption {

    public static final KeywordDef DEF = KeywordDef.of("byte_test", KeywordDef.doc("payload-keywords", "byte-test"),
            ValueMode.REQUIRED, ByteTestOption::parse);

    /** Most flags after the four positional arguments (Suricata's parse regex allows six). */
    static final int MAX_FLAGS = 6;

    /** byte_test operators. */
    public enum Operator {
        LT("<"), GT(">"), EQ("="), LE("<="), GE(">="), AND("&"), OR("^");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** values() clones its array on every call; the parser asks once per keyword. */
        private static final Operator[] ALL = values();

        static Operator of(String s) {
            for (Operator o : ALL) {
                if (o.symbol.equals(s)) {
                    return o;
                }
            }
            return null;
        }
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        List<String> t = ByteArgs.tokens("byte_test", value);
        if (t.size() < 4) {
            throw new RuleParseException("byte_test: needs <nbytes>, <operator>, <value>, <offset>");
        }
        if (t.size() > 4 + MAX_FLAGS) {
            throw new RuleParseException("byte_test: too many options (at most " + MAX_FLAGS + ")");
        }
        for (int i : new int[] {0, 2, 3}) {
            if (hasSpace(t.get(i))) {
                throw new RuleParseException("byte_test: malformed argument \"" + t.get(i) + "\"");
            }
        }
        NumOrVar nbytes = ByteArgs.numberOrVariable("byte_test", "number of bytes", t.get(0), 10, 0, 0xFFFF_FFFFL, ctx);

        String op = t.get(1);
        boolean negated = false;
        if (op.startsWith("!")) {
            negated = true;
            op = op.substring(1).trim();
        }
        Operator operator = negated && (op.isEmpty() || op.equals("=")) ? Operator.EQ : Operator.of(op);
        if (operator == null || hasSpace(op)) {
            throw new RuleParseException("byte_test: invalid operator \"" + t.get(1) + "\"");
        }

        NumOrVar testValue = ByteArgs.isVariableName(t.get(2)) ? ByteArgs.variable("byte_test", t.get(2), ctx)
                : NumOrVar.of(ByteArgs.unsignedPrefix("byte_test", "value", t.get(2)));
        // lenient: Suricata reads the offset as a C int (0x/0 prefixes allowed)
        NumOrVar offset = ByteArgs.numberOrVariable("byte_test", "offset", t.get(3), 0, Integer.MIN_VALUE,
                Integer.MAX_VALUE, ctx);

        boolean relative = false;
        boolean string = false;
        boolean dce = false;
        ByteEndian endian = null;
        ByteBase base = null;
        Long bitmask = null;
        for (String f : t.subList(4, t.size())) {
            String lower = f.toLowerCase(Locale.ROOT);
            if (f.equals("relative")) {
                relative = true;
            } else if (lower.equals("string")) {
                string = true;
            } else if (ByteBase.of(f) != null) {
                base = ByteBase.of(f);
            } else if (lower.equals("big")) {
                endian = ByteEndian.BIG;
            } else if (lower.equals("little")) {
                endian = ByteEndian.LITTLE;
            } else if (lower.equals("dce")) {
                dce = true;
            } else if (lower.startsWith("bitmask") && lower.length() > 7 && Character.isWhitespace(lower.charAt(7))) {
                long m = ByteArgs.unsignedPrefix("byte_test", "bitmask", f.substring(7));
                if (m < 0 || m > 0xFFFF_FFFFL) {
                    throw new RuleParseException("byte_test: bitmask " + f.substring(7).trim() + " out of range");
                }
                bitmask = m;
            } else {
                throw new RuleParseException("byte_test: unknown option \"" + f + "\"");
            }
        }
        if (!string && base != null) {
            throw new RuleParseException("byte_test: cannot use a base without \"string\"");
        }
        if (!nbytes.isVar()) {
            ByteArgs.checkByteCount("byte_test", nbytes.value(), string, null, 23);
        }
        if (dce) {
            if (string || endian != null || base != null) {
                throw new RuleParseException("byte_test: dce can't be combined with string, big, little or a base");
            }
            endian = ByteEndian.DCE;
        }
        ctx.add(new ByteTestOption(nbytes, negated, operator, testValue, offset, relative, endian, string, base,
                bitmask, ByteArgs.buffer(ctx, relative)));
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String keyword() {
        return "byte_test";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(nbytes).append(',');
        if (negated) {
            out.append('!');
        }
        out.append(operator.symbol).append(',');
        out.append(value.isVar() ? value.var() : ByteArgs.unsigned(value.value())).append(',').append(offset);
        if (relative) {
            out.append(",relative");
        }
        if (endian != null) {
            out.append(',').append(endian.word());
        }
        if (string) {
            out.append(",string");
            if (base != null) {
                out.append(',').append(base.word());
            }
        }
        if (bitmask != null) {
            out.append(",bitmask 0x").append(Long.toHexString(bitmask));
        }
    }
}
