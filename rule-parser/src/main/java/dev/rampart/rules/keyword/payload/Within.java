package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code within:N;} — relative: the content ends within N bytes after the previous match. */
public final class Within {
    public static final KeywordDef DEF = KeywordDef.of("within", KeywordDef.doc("payload-keywords", "within"),
            ValueMode.REQUIRED, Within::parse);

    private Within() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("within");
        if (c.within() != null) {
            throw new RuleParseException("within: can't use multiple withins for the same content");
        }
        ContentModifiers.noAbsolute("within", c);
        ContentModifiers.noStartsWith("within", c);
        ContentModifiers.noFastPatternOnly("within", c);
        NumOrVar v = ContentModifiers.value("within", value, -ContentModifiers.MAX, ctx);
        if (!v.isVar() && v.value() < c.pattern().length()) {
            throw new RuleParseException("within: " + v.value() + " is less than the content length "
                    + c.pattern().length() + ", which invalidates the rule");
        }
        ctx.replaceLastContent(c.withWithin(v));
    }
}
