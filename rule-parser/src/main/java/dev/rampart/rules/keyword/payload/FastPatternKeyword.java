package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.List;

/**
 * {@code fast_pattern[:only|:offset,length];} — picks the previous content as the prefilter
 * pattern; one per rule.
 */
public final class FastPatternKeyword {
    public static final KeywordDef DEF = KeywordDef.of("fast_pattern", KeywordDef.doc("fast-pattern", "fast-pattern"),
            ValueMode.OPTIONAL, FastPatternKeyword::parse);

    private FastPatternKeyword() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("fast_pattern");
        for (RuleOption o : ctx.options()) {
            if (o instanceof ContentOption other && other.fastPattern() != null) {
                throw new RuleParseException("fast_pattern can be used on only one content in a rule");
            }
        }
        ContentOption.FastPattern fp;
        if (value == null) {
            fp = ContentOption.FastPattern.PLAIN;
        } else if (value.trim().equals("only")) {
            if (c.negated()) {
                throw new RuleParseException("fast_pattern:only can't be used on a negated content");
            }
            if (c.isRelative() || c.isAbsolute()) {
                throw new RuleParseException("fast_pattern:only can't be used with distance, within, offset or depth");
            }
            fp = ContentOption.FastPattern.ONLY;
        } else {
            List<String> parts = Values.splitComma(value);
            if (parts.size() != 2) {
                throw new RuleParseException("fast_pattern: expected 'only' or 'offset,length'");
            }
            int off = Values.parseInt("fast_pattern", parts.get(0), 0, 65535);
            int len = Values.parseInt("fast_pattern", parts.get(1), 1, 65535);
            if (off + len > c.pattern().length()) {
                throw new RuleParseException("fast_pattern: offset + length (" + (off + len)
                        + ") exceeds the content length " + c.pattern().length());
            }
            fp = new ContentOption.FastPattern(false, off, len);
        }
        ctx.replaceLastContent(c.withFastPattern(fp));
    }
}
