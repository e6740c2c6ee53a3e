package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code sid:N;} — signature id, 1 .. 2^32-1, once per rule. */
public record SidOption(long sid) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("sid", KeywordDef.doc("meta", "sid-signature-id"),
            ValueMode.REQUIRED, SidOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ctx.once("sid");
        ctx.add(new SidOption(Values.parseLong("sid", Values.unquote("sid", value, false), 1, 0xFFFF_FFFFL)));
    }

    @Override
    public String keyword() {
        return "sid";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(sid);
    }
}
