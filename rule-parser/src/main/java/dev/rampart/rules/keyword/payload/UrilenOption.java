package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * {@code urilen:N|<N|>N|N<>M[, norm|raw]} — the length of the normalised (default) or raw HTTP
 * request URI, a 16-bit value.
 *
 * @param length the length condition
 * @param raw    measure http.uri.raw instead of http.uri
 */
public record UrilenOption(Uint length, boolean raw) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("urilen", KeywordDef.doc("http-keywords", "urilen"),
            ValueMode.REQUIRED, UrilenOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Uint.Prefix p = Uint.parsePrefix("urilen", value, Uint.U16);
        String rest = value.substring(p.end()).trim();
        // like Suricata, ",raw" selects the raw URI; any other text after the condition (",norm"
        // included) is not looked at
        boolean raw = rest.startsWith(",") && rest.substring(1).trim().startsWith("raw");
        ctx.add(new UrilenOption(p.value(), raw));
    }

    @Override
    public String keyword() {
        return "urilen";
    }

    @Override
    public void appendValue(StringBuilder out) {
        length.appendTo(out);
        if (raw) {
            out.append(",raw");
        }
    }
}
