package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.List;

/**
 * {@code byte_math:bytes <n>, offset <n>, oper <op>, rvalue <value|var>, result <name>[, relative]
 * [, endian big|little|dce][, dce][, string hex|dec|oct][, bitmask <hex>]} — reads a number, combines
 * it with a value or variable and stores the result in a new variable. Options are name/value
 * pairs in any order.
 *
 * @param nbytes   bytes to read (1..10; 1..4 with a shift), or a variable (newer Suricata)
 * @param offset   where to read (-65535..65535)
 * @param operator the operation
 * @param rvalue   the right operand (unsigned 32 bit), or a variable
 * @param result   the variable defined
 * @param relative offset counts from the previous match
 * @param endian   byte order (null: default big)
 * @param base     the bytes are digits in this base (string mode), or null
 * @param bitmask  AND mask applied to the value read (null: none)
 * @param buffer   the inspection buffer
 */
public record ByteMathOption(NumOrVar nbytes, int offset, Operator operator, NumOrVar rvalue, String result,
        boolean relative, ByteEndian endian, ByteBase base, Long bitmask, Buffer buffer) implements PayloadOption {

    public static final KeywordDef DEF = KeywordDef.of("byte_math", KeywordDef.doc("payload-keywords", "byte-math"),
            ValueMode.REQUIRED, ByteMathOption::parse);

    /** byte_math operators. */
    public enum Operator {
        ADD("+"), SUB("-"), DIV("/"), MUL("*"), SHL("<<"), SHR(">>");

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
        List<String> t = ByteArgs.tokens("byte_math", value);
        if (t.size() < 5 || t.size() > 10) {
            throw new RuleParseException("byte_math: needs bytes, offset, oper, rvalue and result, and at most 10 "
                    + "options");
        }
        NumOrVar nbytes = null;
        Integer offset = null;
        Operator operator = null;
        NumOrVar rvalue = null;
        String result = null;
        boolean relative = false;
        ByteEndian endian = null;
        ByteBase base = null;
        Long bitmask = null;
        for (String token : t) {
            String[] kv = ByteArgs.wordAndRest(token);
            String name = kv[0];
            String arg = kv[1];
            switch (name) {
                case "bytes" -> {
                    once(nbytes, name);
                    // a variable is accepted by newer Suricata (lenient)
                    nbytes = ByteArgs.isVariableName(arg) ? ByteArgs.variable("byte_math", arg, ctx)
                            : NumOrVar.of(ByteArgs.integer("byte_math", "bytes value", arg, 10, 1, 10));
                }
                case "offset" -> {
                    once(offset, name);
                    offset = (int) ByteArgs.integer("byte_math", "offset", arg, 10, -65535, 65535);
                }
                case "oper" -> {
                    once(operator, name);
                    operator = Operator.of(arg);
                    if (operator == null) {
                        throw new RuleParseException("byte_math: unknown oper value \"" + arg + "\"");
                    }
                }
                case "rvalue" -> {
                    once(rvalue, name);
                    if (arg.isEmpty()) {
                        throw new RuleParseException("byte_math: rvalue needs a value");
                    }
                    if (isDigits(arg)) {
                        rvalue = NumOrVar.of(ByteArgs.integer("byte_math", "rvalue", arg, 10, 0, 0xFFFF_FFFFL));
                    } else {
                        rvalue = ByteArgs.variable("byte_math", arg, ctx);
                    }
                }
                case "result" -> {
                    once(result, name);
                    if (arg.isEmpty()) {
                        throw new RuleParseException("byte_math: result needs a variable name");
                    }
                    result = arg;
                }
                case "relative" -> {
                    if (relative) {
                        throw new RuleParseException("byte_math: relative already set");
                    }
                    relative = true;
                }
                case "endian", "dce" -> {
                    once(endian, "endian");
                    String e = name.equals("dce") ? "dce" : arg;
                    endian = switch (e) {
                        case "big" -> ByteEndian.BIG;
                        case "little" -> ByteEndian.LITTLE;
                        case "dce" -> ByteEndian.DCE;
                        default -> throw new RuleParseException("byte_math: invalid endian value \"" + arg + "\"");
                    };
                }
                case "string" -> {
                    once(base, name);
                    base = switch (arg) {
                        case "hex", "dec", "oct" -> ByteBase.of(arg);
                        default -> throw new RuleParseException("byte_math: invalid string value \"" + arg + "\"");
                    };
                }
                case "bitmask" -> {
                    once(bitmask, name);
                    String hex = arg.startsWith("0x") || arg.startsWith("0X") ? arg.substring(2) : arg;
                    try {
                        long m = Long.parseLong(hex, 16);
                        if (m > 0xFFFF_FFFFL || hex.startsWith("-") || hex.startsWith("+")) {
                            throw new NumberFormatException();
                        }
                        bitmask = m;
                    } catch (NumberFormatException e) {
                        throw new RuleParseException("byte_math: invalid bitmask value \"" + arg + "\"");
                    }
                }
                default -> throw new RuleParseException("byte_math: unknown keyword \"" + name + "\"");
            }
        }
        if (nbytes == null || offset == null || operator == null || rvalue == null || result == null) {
            throw new RuleParseException("byte_math: bytes, offset, oper, rvalue and result are required");
        }
        if ((operator == Operator.SHL || operator == Operator.SHR) && !nbytes.isVar() && nbytes.value() > 4) {
            throw new RuleParseException("byte_math: bytes must be 1 through 4 with \"<<\" or \">>\"");
        }
        if (endian == ByteEndian.DCE && base != null) {
            throw new RuleParseException("byte_math: dce can't be combined with string");
        }
        Buffer buffer = ByteArgs.buffer(ctx, relative);
        ctx.defineVariable("byte_math", result);
        ctx.add(new ByteMathOption(nbytes, offset, operator, rvalue, result, relative, endian, base, bitmask, buffer));
    }

    private static void once(Object current, String name) throws RuleParseException {
        if (current != null) {
            throw new RuleParseException("byte_math: " + name + " already set");
        }
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    @Override
    public String keyword() {
        return "byte_math";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append("bytes ").append(nbytes).append(", offset ").append(offset).append(", oper ")
                .append(operator.symbol).append(", rvalue ").append(rvalue).append(", result ").append(result);
        if (relative) {
            out.append(", relative");
        }
        if (endian != null) {
            out.append(", endian ").append(endian.word());
        }
        if (base != null) {
            out.append(", string ").append(base.word());
        }
        if (bitmask != null) {
            out.append(", bitmask 0x").append(Long.toHexString(bitmask));
        }
    }
}
