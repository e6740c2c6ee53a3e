package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dcerpc.opnum:15,18-20;} (older name {@code dce_opnum}) — the DCERPC operation number is
 * one of the listed values or inclusive ranges (uint32, low &lt;= high, no blanks).
 */
public record DceOpnumOption(List<Range> ranges) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("dcerpc.opnum", KeywordDef.doc("dcerpc-keywords", "dcerpc-opnum"),
            ValueMode.REQUIRED, DceOpnumOption::parse, "dce_opnum");

    /** An inclusive range; a single opnum has {@code low == high}. */
    public record Range(long low, long high) {
    }

    public DceOpnumOption {
        ranges = List.copyOf(ranges);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("dcerpc.opnum", value);
        List<Range> out = new ArrayList<>();
        for (String item : value.trim().split(",", -1)) {
            int dash = item.indexOf('-');
            long lo;
            long hi;
            if (dash < 0) {
                lo = hi = number(item, value);
            } else {
                lo = number(item.substring(0, dash), value);
                hi = number(item.substring(dash + 1), value);
                if (hi < lo) {
                    throw new RuleParseException("dcerpc.opnum: invalid range " + item);
                }
            }
            out.add(new Range(lo, hi));
        }
        AppProto.checkHeader(ctx, "dcerpc.opnum", "dcerpc");
        ctx.add(new DceOpnumOption(out));
    }

    private static long number(String s, String value) throws RuleParseException {
        if (!Args.isDigits(s)) {
            throw new RuleParseException("dcerpc.opnum: invalid value \"" + value + "\"");
        }
        return Args.parseDecimal("dcerpc.opnum", "opnum", s, 0xFFFF_FFFFL);
    }

    public boolean matches(long opnum) {
        for (Range r : ranges) {
            if (opnum >= r.low && opnum <= r.high) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String keyword() {
        return "dcerpc.opnum";
    }

    @Override
    public void appendValue(StringBuilder out) {
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Range r = ranges.get(i);
            out.append(r.low);
            if (r.high != r.low) {
                out.append('-').append(r.high);
            }
        }
    }
}
