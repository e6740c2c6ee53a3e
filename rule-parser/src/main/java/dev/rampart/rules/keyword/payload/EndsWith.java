package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code endswith;} — the previous content must end at the end of the buffer. */
public final class EndsWith {
    public static final KeywordDef DEF = KeywordDef.of("endswith", KeywordDef.doc("payload-keywords", "endswith"),
            ValueMode.NONE, EndsWith::parse);

    private EndsWith() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        // a repeated endswith is accepted by Suricata 7 (ET sid 2020392 has one)
        ctx.replaceLastContent(ctx.lastContent("endswith").withEndsWith());
    }
}
