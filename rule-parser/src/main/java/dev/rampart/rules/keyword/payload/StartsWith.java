package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code startswith;} — the previous content must be at the start of the buffer (depth = length, offset 0). */
public final class StartsWith {
    public static final KeywordDef DEF = KeywordDef.of("startswith", KeywordDef.doc("payload-keywords", "startswith"),
            ValueMode.NONE, StartsWith::parse);

    private StartsWith() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("startswith");
        if (c.startsWith() || c.depth() != null) {
            throw new RuleParseException("startswith: can't use multiple depth/startswith settings for the same content");
        }
        if (c.isAbsolute() || c.isRelative()) {
            throw new RuleParseException("startswith can't be mixed with depth, offset, within or distance for the same content");
        }
        ctx.replaceLastContent(c.withStartsWith());
    }
}
