package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code distance:N;} — relative: the content starts at least N bytes after the previous match (N may be negative). */
public final class Distance {
    public static final KeywordDef DEF = KeywordDef.of("distance", KeywordDef.doc("payload-keywords", "distance"),
            ValueMode.REQUIRED, Distance::parse);

    private Distance() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("distance");
        if (c.distance() != null) {
            throw new RuleParseException("distance: can't use multiple distances for the same content");
        }
        ContentModifiers.noAbsolute("distance", c);
        ContentModifiers.noStartsWith("distance", c);
        ContentModifiers.noFastPatternOnly("distance", c);
        ctx.replaceLastContent(c.withDistance(ContentModifiers.value("distance", value, -ContentModifiers.MAX, ctx)));
    }
}
