package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code rev:N;} — revision of the rule, once per rule. */
public record RevOption(long rev) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("rev", KeywordDef.doc("meta", "rev-revision"),
            ValueMode.REQUIRED, RevOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ctx.once("rev");
        ctx.add(new RevOption(Values.parseLong("rev", Values.unquote("rev", value, false), 0, 0xFFFF_FFFFL)));
    }

    @Override
    public String keyword() {
        return "rev";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(rev);
    }
}
