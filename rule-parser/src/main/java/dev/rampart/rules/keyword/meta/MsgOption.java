package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code msg:"text";} — the rule's message; escapes {@code \" \; \\ \:} are resolved. */
public record MsgOption(String text) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("msg", KeywordDef.doc("meta", "msg"), ValueMode.REQUIRED,
            MsgOption::parse);

    static void parse(String value, ParseContext ctx) throws dev.rampart.rules.RuleParseException {
        ctx.once("msg");
        ctx.add(new MsgOption(Values.unescape("msg", Values.unquote("msg", value, false), true)));
    }

    @Override
    public String keyword() {
        return "msg";
    }

    @Override
    public void appendValue(StringBuilder out) {
        Values.appendQuoted(out, text);
    }
}
