package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code target:src_ip|dest_ip;} — which side of the alert is the target. */
public record TargetOption(boolean destination) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("target", KeywordDef.doc("meta", "target"),
            ValueMode.REQUIRED, TargetOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = Values.unquote("target", value, false).trim();
        TargetOption t = switch (v) {
            case "src_ip" -> new TargetOption(false);
            case "dest_ip" -> new TargetOption(true);
            default -> throw new RuleParseException("target: expected src_ip or dest_ip, got \"" + v + "\"");
        };
        int prev = ctx.lastIndexOf(TargetOption.class);
        if (prev >= 0) {
            // the same target twice is accepted (ET sid 2048744), two different ones are not
            if (!ctx.options().get(prev).equals(t)) {
                throw new RuleParseException("target: conflicting values of target keyword");
            }
            return;
        }
        ctx.add(t);
    }

    @Override
    public String keyword() {
        return "target";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(destination ? "dest_ip" : "src_ip");
    }
}
