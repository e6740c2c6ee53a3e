package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/**
 * {@code tos:[!]N;} — the IPv4 TOS byte equals (or not) N: decimal, or hex written {@code xNN}
 * (Suricata's form; {@code 0x} is refused). Quotes are allowed.
 */
public record TosOption(boolean negated, int tos) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("tos", KeywordDef.doc("header-keywords", "tos"),
            ValueMode.REQUIRED, TosOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = Values.unquote("tos", value, false).trim();
        boolean neg = false;
        if (v.startsWith("!")) {
            neg = true;
            v = v.substring(1).trim();
        }
        int tos;
        if (v.startsWith("x") || v.startsWith("X")) {
            String hex = v.substring(1);
            if (hex.isEmpty() || hex.length() > 2 || !isHex(hex)) {
                throw new RuleParseException("tos: invalid value \"" + value + "\" (decimal or xNN)");
            }
            tos = Integer.parseInt(hex, 16);
        } else {
            if (v.length() > 3) {
                throw new RuleParseException("tos: invalid value \"" + value + "\" (0..255)");
            }
            tos = (int) Args.parseDecimal("tos", "value", v, 255);
        }
        ctx.add(new TosOption(neg, tos));
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String keyword() {
        return "tos";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(tos);
    }
}
