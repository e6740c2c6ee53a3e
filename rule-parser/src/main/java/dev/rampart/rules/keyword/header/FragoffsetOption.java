package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * {@code fragoffset:[<|>|!]N;} — the IP fragment offset compared to N (uint16). Suricata 7
 * reads a leading number and ignores what follows it ({@code 1-5} means 1); {@code !} is in the
 * documented syntax, so it is accepted too.
 */
public record FragoffsetOption(Uint.Mode mode, int offset) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("fragoffset",
            KeywordDef.doc("header-keywords", "fragoffset"), ValueMode.REQUIRED, FragoffsetOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("fragoffset", value);
        int i = Args.skipSpaces(value, 0);
        Uint.Mode mode = Uint.Mode.EQ;
        if (i < value.length()) {
            switch (value.charAt(i)) {
                case '<' -> {
                    mode = Uint.Mode.LT;
                    i++;
                }
                case '>' -> {
                    mode = Uint.Mode.GT;
                    i++;
                }
                case '!' -> {
                    mode = Uint.Mode.NE;
                    i++;
                }
                default -> {
                }
            }
        }
        i = Args.skipSpaces(value, i);
        int start = i;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            throw new RuleParseException("fragoffset: invalid value \"" + value + "\"");
        }
        ctx.add(new FragoffsetOption(mode, (int) Args.parseDecimal("fragoffset", "offset",
                value.substring(start, i), 0xFFFF)));
    }

    @Override
    public String keyword() {
        return "fragoffset";
    }

    @Override
    public void appendValue(StringBuilder out) {
        switch (mode) {
            case LT -> out.append('<');
            case GT -> out.append('>');
            case NE -> out.append('!');
            default -> {
            }
        }
        out.append(offset);
    }
}
