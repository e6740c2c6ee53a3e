package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code geoip:[!][src|dst|both|any,]CC[,CC...];} — the country (ISO 3166 code from the
 * configured {@code geoip-database}) of the packet's source, destination, both or either address
 * is one of the listed codes; {@code !} inverts the test. Without a direction any address counts.
 */
public record GeoipOption(Which which, boolean negated, List<String> countries) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("geoip", KeywordDef.doc("header-keywords", "geoip"),
            ValueMode.REQUIRED, GeoipOption::parse);

    public enum Which { SRC, DST, BOTH, ANY }

    public GeoipOption {
        countries = List.copyOf(countries);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = Values.unquote("geoip", value, false).trim();
        boolean neg = false;
        if (v.startsWith("!")) {
            neg = true;
            v = v.substring(1).trim();
        }
        Which which = Which.ANY;
        List<String> codes = new ArrayList<>();
        String[] parts = v.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (i == 0) {
                switch (p.toLowerCase(Locale.ROOT)) {
                    case "src" -> which = Which.SRC;
                    case "dst" -> which = Which.DST;
                    case "both" -> which = Which.BOTH;
                    case "any" -> which = Which.ANY;
                    default -> codes.add(p);
                }
                if (codes.isEmpty()) {
                    continue;
                }
            } else {
                codes.add(p);
            }
        }
        codes.removeIf(String::isEmpty);
        if (codes.isEmpty()) {
            throw new RuleParseException("geoip: no country code in \"" + value + "\"");
        }
        for (String c : codes) {
            if (c.length() > 3 || !c.chars().allMatch(Character::isLetterOrDigit)) {
                throw new RuleParseException("geoip: invalid country code \"" + c + "\"");
            }
        }
        ctx.add(new GeoipOption(which, neg, codes));
    }

    @Override
    public String keyword() {
        return "geoip";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append(which.name().toLowerCase(Locale.ROOT));
        for (String c : countries) {
            out.append(',').append(c);
        }
    }
}
