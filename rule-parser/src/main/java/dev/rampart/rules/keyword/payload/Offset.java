package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code offset:N;} — the previous content may start no earlier than byte N of the buffer. */
public final class Offset {
    public static final KeywordDef DEF = KeywordDef.of("offset", KeywordDef.doc("payload-keywords", "offset"),
            ValueMode.REQUIRED, Offset::parse);

    private Offset() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("offset");
        if (c.offset() != null) {
            throw new RuleParseException("offset: can't use multiple offsets for the same content");
        }
        ContentModifiers.noRelative("offset", c);
        ContentModifiers.noStartsWith("offset", c);
        ctx.replaceLastContent(c.withOffset(ContentModifiers.value("offset", value, 0, ctx)));
    }
}
