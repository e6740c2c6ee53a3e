package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code icmp_seq:N;} — the ICMP echo sequence number equals N (decimal 0..65535). */
public record IcmpSeqOption(int seq) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("icmp_seq", KeywordDef.doc("header-keywords", "icmp-seq"),
            ValueMode.REQUIRED, IcmpSeqOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("icmp_seq", value);
        ctx.add(new IcmpSeqOption((int) Args.parseDecimal("icmp_seq", "sequence number", value.trim(), 0xFFFF)));
    }

    @Override
    public String keyword() {
        return "icmp_seq";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(seq);
    }
}
