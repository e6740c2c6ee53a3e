package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code gid:N;} — generator id (1 when absent), once per rule. */
public record GidOption(long gid) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("gid", KeywordDef.doc("meta", "gid-group-id"),
            ValueMode.REQUIRED, GidOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ctx.once("gid");
        ctx.add(new GidOption(Values.parseLong("gid", Values.unquote("gid", value, false), 0, 0xFFFF_FFFFL)));
    }

    @Override
    public String keyword() {
        return "gid";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(gid);
    }
}
