package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * Suricata 8's {@code flow.pkts:toserver|toclient|either,<uint>;} and
 * {@code flow.bytes:...;} — packet or byte counters of the flow in one or either direction.
 */
public record FlowCounterOption(String keyword, Direction direction, Uint value) implements RuleOption {
    public static final KeywordDef PKTS = def("flow.pkts", "flow-pkts");
    public static final KeywordDef BYTES = def("flow.bytes", "flow-bytes");

    public enum Direction {
        TOSERVER("toserver"), TOCLIENT("toclient"), EITHER("either");

        final String text;

        Direction(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private static KeywordDef def(String name, String anchor) {
        return KeywordDef.of(name, KeywordDef.doc("flow-keywords", anchor), ValueMode.REQUIRED,
                (v, ctx) -> parse(name, v, ctx));
    }

    static void parse(String keyword, String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes(keyword, value);
        int comma = value.indexOf(',');
        if (comma < 0) {
            throw new RuleParseException(keyword + ": expected toserver|toclient|either,<value>");
        }
        String dirText = value.substring(0, comma).trim();
        Direction dir = null;
        for (Direction d : Direction.values()) {
            if (d.text.equals(dirText)) {
                dir = d;
            }
        }
        if (dir == null) {
            throw new RuleParseException(keyword + ": invalid direction \"" + dirText
                    + "\" (expected toserver, toclient or either)");
        }
        long max = keyword.equals("flow.pkts") ? Uint.U32 : Uint.U64;
        ctx.add(new FlowCounterOption(keyword, dir, Uint.parse(keyword, value.substring(comma + 1).trim(), max)));
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(direction.text).append(',');
        value.appendTo(out);
    }
}
