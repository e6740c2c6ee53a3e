package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.Values;
import java.util.List;

/**
 * {@code stream_size:server|client|both|either,<|<=|>|>=|=|!=,N;} — compare the bytes seen so far
 * (by sequence numbers) on one or both sides of a TCP stream. N is a decimal uint32.
 */
public record StreamSizeOption(Side side, Uint value) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("stream_size", KeywordDef.doc("flow-keywords", "stream-size"),
            ValueMode.REQUIRED, StreamSizeOption::parse);

    public enum Side {
        SERVER("server"), CLIENT("client"), BOTH("both"), EITHER("either");

        final String text;

        Side(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("stream_size", value);
        List<String> parts = Values.splitComma(value);
        if (parts.size() != 3) {
            throw new RuleParseException("stream_size: expected side,operator,value, got \"" + value + "\"");
        }
        Side side = null;
        for (Side s : Side.values()) {
            if (s.text.equals(parts.get(0))) {
                side = s;
            }
        }
        if (side == null) {
            throw new RuleParseException("stream_size: invalid side \"" + parts.get(0)
                    + "\" (expected server, client, both or either)");
        }
        Uint.Mode mode = switch (parts.get(1)) {
            case "<" -> Uint.Mode.LT;
            case "<=" -> Uint.Mode.LE;
            case ">" -> Uint.Mode.GT;
            case ">=" -> Uint.Mode.GE;
            case "=" -> Uint.Mode.EQ;
            case "!=" -> Uint.Mode.NE;
            default -> throw new RuleParseException("stream_size: invalid operator \"" + parts.get(1) + "\"");
        };
        // Suricata takes any uint32 here, even comparisons that can never match (<0)
        long n = Args.parseDecimal("stream_size", "value", parts.get(2), 0xFFFF_FFFFL);
        ctx.add(new StreamSizeOption(side, new Uint(mode, n, n)));
    }

    @Override
    public String keyword() {
        return "stream_size";
    }

    @Override
    public void appendValue(StringBuilder out) {
        String op = switch (value.mode()) {
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case NE -> "!=";
            default -> "=";
        };
        out.append(side.text).append(',').append(op).append(',').append(value.value());
    }
}
