package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code seq:N;} — the TCP sequence number equals N (decimal uint32, no operators). */
public record SeqOption(long seq) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("seq", KeywordDef.doc("header-keywords", "seq"),
            ValueMode.REQUIRED, SeqOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("seq", value);
        ctx.add(new SeqOption(Args.parseDecimal("seq", "sequence number", plusless(value.trim()), 0xFFFF_FFFFL)));
    }

    /** Suricata reads the number with strtoul, which takes a leading '+'. */
    private static String plusless(String v) {
        return v.startsWith("+") ? v.substring(1) : v;
    }

    @Override
    public String keyword() {
        return "seq";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(seq);
    }
}
