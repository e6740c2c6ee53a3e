package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code depth:N;} — the previous content must end within N bytes of the buffer start (after offset). */
public final class Depth {
    public static final KeywordDef DEF = KeywordDef.of("depth", KeywordDef.doc("payload-keywords", "depth"),
            ValueMode.REQUIRED, Depth::parse);

    private Depth() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("depth");
        if (c.depth() != null) {
            throw new RuleParseException("depth: can't use multiple depths for the same content");
        }
        if (c.startsWith()) {
            throw new RuleParseException("depth: can't use multiple depth/startswith settings for the same content");
        }
        ContentModifiers.noRelative("depth", c);
        ContentModifiers.noStartsWith("depth", c);
        NumOrVar v = ContentModifiers.value("depth", value, 0, ctx);
        if (!v.isVar() && v.value() < c.pattern().length()) {
            throw new RuleParseException("depth: " + v.value() + " is smaller than the content length "
                    + c.pattern().length());
        }
        ctx.replaceLastContent(c.withDepth(v));
    }
}
