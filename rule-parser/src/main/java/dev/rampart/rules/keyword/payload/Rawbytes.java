package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code rawbytes;} — Snort compatibility; Suricata inspects raw bytes anyway, so it only marks. */
public final class Rawbytes {
    public static final KeywordDef DEF = KeywordDef.of("rawbytes", KeywordDef.doc("payload-keywords", "rawbytes"),
            ValueMode.NONE, Rawbytes::parse);

    private Rawbytes() {
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ContentOption c = ctx.lastContent("rawbytes");
        if (!c.buffer().isPayload()) {
            throw new RuleParseException("rawbytes: only valid on payload content, not on " + c.buffer().name());
        }
        ctx.replaceLastContent(c.withRawbytes());
    }
}
