package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code priority:N;} — 1 (highest) .. 255; overrides the classtype's priority. */
public record PriorityOption(int priority) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("priority", KeywordDef.doc("meta", "priority"),
            ValueMode.REQUIRED, PriorityOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ctx.once("priority");
        ctx.add(new PriorityOption(Values.parseInt("priority", Values.unquote("priority", value, false), 1, 255)));
    }

    @Override
    public String keyword() {
        return "priority";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(priority);
    }
}
