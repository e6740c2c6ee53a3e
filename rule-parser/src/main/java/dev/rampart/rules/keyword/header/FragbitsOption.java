package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code fragbits:[!+*]MDR;} — IPv4 fragment bits (M more fragments, D don't fragment, R
 * reserved). Without a modifier the bits must match exactly; {@code +} all listed set (others
 * ignored), {@code *} any listed set, {@code !} not all listed set. As in Suricata the modifier
 * must come first: anything after the bit letters (e.g. the Snort-style {@code M+}) is ignored.
 */
public record FragbitsOption(Modifier modifier, int bits) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("fragbits", KeywordDef.doc("header-keywords", "fragbits"),
            ValueMode.REQUIRED, FragbitsOption::parse);

    public static final int RESERVED = 0x04;
    public static final int DONT_FRAGMENT = 0x02;
    public static final int MORE_FRAGMENTS = 0x01;

    /** Flag-set comparison shared with {@code tcp.flags}. */
    public enum Modifier {
        EXACT(""), NOT("!"), PLUS("+"), ANY("*");

        final String text;

        Modifier(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Modifier of(char c) {
            return switch (c) {
                case '!' -> NOT;
                case '+' -> PLUS;
                case '*' -> ANY;
                default -> null;
            };
        }
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("fragbits", value);
        // Suricata: ^(?:([+*!]))?\s*([MDR]+)   (not anchored at the end)
        Modifier mod = Modifier.EXACT;
        int i = 0;
        if (i < value.length() && Modifier.of(value.charAt(i)) != null) {
            mod = Modifier.of(value.charAt(i));
            i++;
        }
        i = Args.skipSpaces(value, i);
        int bits = 0;
        int start = i;
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 'M') {
                bits |= MORE_FRAGMENTS;
            } else if (c == 'D') {
                bits |= DONT_FRAGMENT;
            } else if (c == 'R') {
                bits |= RESERVED;
            } else {
                break;
            }
        }
        if (i == start) {
            throw new RuleParseException("fragbits: invalid value \"" + value + "\" (expected [!+*] and M, D, R)");
        }
        ctx.add(new FragbitsOption(mod, bits));
    }

    @Override
    public String keyword() {
        return "fragbits";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(modifier.text);
        if ((bits & MORE_FRAGMENTS) != 0) {
            out.append('M');
        }
        if ((bits & DONT_FRAGMENT) != 0) {
            out.append('D');
        }
        if ((bits & RESERVED) != 0) {
            out.append('R');
        }
    }
}
