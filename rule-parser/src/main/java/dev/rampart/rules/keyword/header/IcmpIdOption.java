package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/** {@code icmp_id:N;} — the ICMP echo identifier equals N (decimal 0..65535). */
public record IcmpIdOption(int id) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("icmp_id", KeywordDef.doc("header-keywords", "icmp-id"),
            ValueMode.REQUIRED, IcmpIdOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("icmp_id", value);
        ctx.add(new IcmpIdOption((int) Args.parseDecimal("icmp_id", "id", value.trim(), 0xFFFF)));
    }

    @Override
    public String keyword() {
        return "icmp_id";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(id);
    }
}
