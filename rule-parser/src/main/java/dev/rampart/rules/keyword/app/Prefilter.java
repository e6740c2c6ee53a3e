package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.FlagOption;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code prefilter;} — use the preceding match (a content, or a header keyword such as
 * {@code flow} or {@code tcp.flags}) as the rule's prefilter instead of the fast pattern. Suricata
 * refuses it when no match precedes it; meta keywords (msg, sid, ...) do not count.
 */
public final class Prefilter {
    public static final KeywordDef DEF = FlagOption.def("prefilter", "prefilter-keywords", "prefilter",
            Prefilter::check);

    private Prefilter() {
    }

    static void check(ParseContext ctx) throws RuleParseException {
        for (RuleOption o : ctx.options()) {
            if (!o.getClass().getPackageName().endsWith(".meta")
                    && !(o instanceof FlagOption f && f.keyword().equals("prefilter"))) {
                return;
            }
        }
        throw new RuleParseException("prefilter needs a preceding match");
    }
}
