package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code window:[!]N;} — the TCP window size equals (or not) N, decimal 0..65535. */
public record WindowOption(boolean negated, int size) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("window", KeywordDef.doc("header-keywords", "window"),
            ValueMode.REQUIRED, WindowOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("window", value);
        String v = value.trim();
        boolean neg = v.startsWith("!");
        if (neg) {
            v = v.substring(1).trim();
        }
        ctx.add(new WindowOption(neg, (int) Args.parseDecimal("window", "window size", v, 0xFFFF)));
    }

    @Override
    public String keyword() {
        return "window";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(size);
    }
}
