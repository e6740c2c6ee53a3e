package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.Args.NegatableString;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * Legacy {@code tls.subject:[!]"CN=...";} and {@code tls.issuerdn:[!]"...";} — the certificate
 * subject / issuer DN contains the (quoted) text. Suricata restricts the text to letters, digits,
 * whitespace and {@code - . = , * @ _}.
 */
public record TlsDnOption(String keyword, boolean negated, String text) implements RuleOption {
    public static final KeywordDef SUBJECT = def("tls.subject");
    public static final KeywordDef ISSUER = def("tls.issuerdn");

    private static KeywordDef def(String name) {
        return KeywordDef.of(name, KeywordDef.doc("tls-keywords", name.replace('.', '-')), ValueMode.REQUIRED,
                (v, ctx) -> parse(name, v, ctx));
    }

    static void parse(String keyword, String value, ParseContext ctx) throws RuleParseException {
        NegatableString s = Args.negatableQuoted(keyword, value, true);
        for (int i = 0; i < s.text().length(); i++) {
            char c = s.text().charAt(i);
            // Suricata's class [A-z0-9\s\-\.=,\*@] (A-z also takes [ \ ] ^ _ `)
            boolean ok = c >= 'A' && c <= 'z' || c >= '0' && c <= '9' || Args.isSpace(c) || c == '-' || c == '.'
                    || c == '=' || c == ',' || c == '*' || c == '@';
            if (!ok) {
                throw new RuleParseException(keyword + ": invalid character '" + c + "' in \"" + s.text() + "\"");
            }
        }
        AppProto.checkHeader(ctx, keyword, "tls");
        ctx.add(new TlsDnOption(keyword, s.negated(), s.text()));
    }

    @Override
    public void appendValue(StringBuilder out) {
        Args.appendNegatableQuoted(out, negated, text);
    }
}
