package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code nocase;} — the previous content matches case-insensitively (ASCII). */
public final class Nocase {
    public static final KeywordDef DEF = KeywordDef.of("nocase", KeywordDef.doc("payload-keywords", "nocase"),
            ValueMode.NONE, Nocase::parse);

    private Nocase() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("nocase");
        if (c.nocase()) {
            throw new RuleParseException("nocase: can't use multiple nocase modifiers with the same content");
        }
        ctx.replaceLastContent(c.withNocase());
    }
}
