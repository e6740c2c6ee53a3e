package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code ack:N;} — the TCP acknowledgement number equals N (decimal uint32, no operators). */
public record AckOption(long ack) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("ack", KeywordDef.doc("header-keywords", "ack"),
            ValueMode.REQUIRED, AckOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("ack", value);
        ctx.add(new AckOption(Args.parseDecimal("ack", "acknowledgement number", plusless(value.trim()), 0xFFFF_FFFFL)));
    }

    /** Suricata reads the number with strtoul, which takes a leading '+'. */
    private static String plusless(String v) {
        return v.startsWith("+") ? v.substring(1) : v;
    }

    @Override
    public String keyword() {
        return "ack";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(ack);
    }
}
