package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Locale;

/**
 * {@code ipopts:rr;} — the IPv4 header carries the named option (one per keyword; names are
 * case-insensitive): rr, eol, nop, ts, sec, esec, lsrr, ssrr, satid, or any.
 */
public record IpoptsOption(Option option) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("ipopts", KeywordDef.doc("header-keywords", "ipopts"),
            ValueMode.REQUIRED, IpoptsOption::parse);

    public enum Option { RR, EOL, NOP, TS, SEC, ESEC, LSRR, SSRR, SATID, ANY }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("ipopts", value);
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Option o : Option.values()) {
            if (o.name().equals(v)) {
                ctx.add(new IpoptsOption(o));
                return;
            }
        }
        throw new RuleParseException("ipopts: unknown IP option \"" + value + "\"");
    }

    @Override
    public String keyword() {
        return "ipopts";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(option.name().toLowerCase(Locale.ROOT));
    }
}
