package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code flowint:name,op[,value];} — a per-flow integer: modify ({@code = + -}), compare
 * ({@code == != < <= > >=}) or test ({@code isset notset isnotset}). The value is a number
 * (uint32) or the name of another flowint.
 */
public record FlowintOption(String name, Op op, Long number, String otherVar) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("flowint", KeywordDef.doc("flow-keywords", "flowint"),
            ValueMode.REQUIRED, FlowintOption::parse);

    public enum Op {
        SET("="), ADD("+"), SUB("-"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        ISSET("isset"), NOTSET("notset"), ISNOTSET("isnotset");

        final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** isset/notset/isnotset: no value. */
        public boolean isTest() {
            return this == ISSET || this == NOTSET || this == ISNOTSET;
        }

        public boolean isModifier() {
            return this == SET || this == ADD || this == SUB;
        }
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("flowint", value);
        // Suricata: ^\s*(NAME)\s*,\s*(OP)\s*,?\s*(VAR|\d{1,10})?\s*$  -- the comma before the value
        // is optional, so "cnt,+1" is "cnt,+,1"
        String v = value.trim();
        int comma = v.indexOf(',');
        if (comma < 0) {
            throw invalid(value);
        }
        String name = v.substring(0, comma).trim();
        // a letter, then at least one of [A-Za-z0-9_./]
        if (!validName(name)) {
            throw new RuleParseException("flowint: invalid variable name \"" + name + "\"");
        }
        String rest = v.substring(comma + 1).trim();
        Op op = null;
        String arg = null;
        // longest operator first, as the pattern backtracks to the one that lets the rest match
        for (Op o : OPS_LONGEST_FIRST) {
            if (rest.startsWith(o.text)) {
                String after = rest.substring(o.text.length()).trim();
                if (after.startsWith(",")) {
                    after = after.substring(1).trim();
                }
                if (after.isEmpty() || Args.isDigits(after) && after.length() <= 10 || validVarRef(after)) {
                    op = o;
                    arg = after;
                    break;
                }
            }
        }
        if (op == null) {
            throw invalid(value);
        }
        Long number = null;
        String other = null;
        if (!arg.isEmpty()) {
            if (Args.isDigits(arg)) {
                number = Args.parseDecimal("flowint", "value", arg, 0xFFFF_FFFFL);
            } else {
                other = arg;
            }
        }
        if (!op.isTest() && number == null && other == null) {
            throw new RuleParseException("flowint: operator " + op.text + " needs a value");
        }
        // Suricata parses but ignores a value after isset/notset/isnotset; it is not kept
        if (op.isTest()) {
            number = null;
            other = null;
        }
        ctx.add(new FlowintOption(name, op, number, other));
    }

    private static final Op[] OPS_LONGEST_FIRST = {
        Op.ISNOTSET, Op.NOTSET, Op.ISSET, Op.EQ, Op.NE, Op.LE, Op.GE, Op.LT, Op.GT, Op.SET, Op.ADD, Op.SUB,
    };

    private static RuleParseException invalid(String value) {
        return new RuleParseException("flowint: \"" + value + "\" is not a valid setting");
    }

    static boolean validName(String s) {
        if (s.length() < 2 || !isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** A target variable: a letter then at least one word character. */
    private static boolean validVarRef(String s) {
        return s.length() >= 2 && isLetter(s.charAt(0)) && Args.isWord(s);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    @Override
    public String keyword() {
        return "flowint";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(name).append(',').append(op.text);
        if (number != null) {
            out.append(',').append(number);
        } else if (otherVar != null) {
            out.append(',').append(otherVar);
        }
    }
}
