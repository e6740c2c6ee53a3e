package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** Checks shared by the content modifier keywords (each modifier has its own class). */
final class ContentModifiers {
    private ContentModifiers() {
    }

    static final long MAX = 65535;

    static void noRelative(String kw, ContentOption c) throws RuleParseException {
        if (c.isRelative()) {
            throw new RuleParseException(kw + ": can't use a relative keyword like within/distance with an absolute one like depth/offset for the same content");
        }
    }

    static void noAbsolute(String kw, ContentOption c) throws RuleParseException {
        if (c.isAbsolute()) {
            throw new RuleParseException(kw + ": can't use a relative keyword like within/distance with an absolute one like depth/offset for the same content");
        }
    }

    static void noStartsWith(String kw, ContentOption c) throws RuleParseException {
        if (c.startsWith()) {
            throw new RuleParseException(kw + " can't be combined with startswith");
        }
    }

    static void noFastPatternOnly(String kw, ContentOption c) throws RuleParseException {
        if (c.fastPattern() != null && c.fastPattern().only()) {
            throw new RuleParseException(kw + " can't be used on a content with fast_pattern:only");
        }
    }

    static NumOrVar value(String kw, String v, long min, ParseContext ctx) throws RuleParseException {
        return Values.numOrVar(kw, Values.unquote(kw, v, false), min, MAX, ctx);
    }
}
