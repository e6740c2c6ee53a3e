package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.Uint;

/**
 * The SNMP keywords that compare a value, as Suricata 7.0.10 takes them: {@code snmp.version} (an
 * unsigned 32-bit comparison in decimal: {@code 2}, {@code >1}, {@code 1-3}; no hex) and
 * {@code snmp.pdu_type} (one decimal number, nothing else).
 */
public record SnmpOption(String keyword, Uint value) implements RuleOption {
    public static final KeywordDef VERSION = def("snmp.version", "snmp-version", (k, s) -> {
        if (s.toLowerCase(java.util.Locale.ROOT).contains("0x")) {
            throw new RuleParseException(k + ": invalid value \"" + s + "\" (decimal only)");
        }
        return new SnmpOption(k, Uint.parse(k, s, Uint.U32));
    });
    public static final KeywordDef PDU_TYPE = def("snmp.pdu_type", "snmp-pdu-type", (k, s) -> {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit) || Long.parseLong(s) > Uint.U32) {
            throw new RuleParseException(k + ": invalid value \"" + s + "\" (a decimal number)");
        }
        return new SnmpOption(k, Uint.eq(Long.parseLong(s)));
    });

    private interface Parser {
        SnmpOption parse(String keyword, String value) throws RuleParseException;
    }

    private static KeywordDef def(String keyword, String anchor, Parser p) {
        return KeywordDef.of(keyword, KeywordDef.doc("snmp-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            SnmpOption o = p.parse(keyword, Args.noQuotes(keyword, v).trim());
            AppProto.checkHeader(ctx, keyword, "snmp");
            ctx.add(o);
        });
    }

    @Override
    public void appendValue(StringBuilder out) {
        value.appendTo(out);
    }
}
