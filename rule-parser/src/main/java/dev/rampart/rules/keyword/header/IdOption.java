package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code id:N;} — the IPv4 identification field equals N (0..65535, decimal, no operators). */
public record IdOption(int id) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("id", KeywordDef.doc("header-keywords", "id"),
            ValueMode.REQUIRED, IdOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("id", value);
        ctx.add(new IdOption((int) Args.parseDecimal("id", "id", value.trim(), 0xFFFF)));
    }

    @Override
    public String keyword() {
        return "id";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(id);
    }
}
