package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.Args.NegatableString;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Locale;

/**
 * {@code tls.fingerprint:[!]"aa:bb:...";} — legacy match on the SHA-1 certificate fingerprint
 * (20 colon-separated bytes, 59 characters; Suricata checks the length, not the digits).
 * Stored in lower case, as the fingerprint is logged.
 */
public record TlsFingerprintOption(boolean negated, String fingerprint) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("tls.fingerprint",
            KeywordDef.doc("tls-keywords", "tls-fingerprint"), ValueMode.REQUIRED, TlsFingerprintOption::parse);

    /** "xx:" times 20, minus the last colon. */
    static final int LENGTH = 59;

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        NegatableString s = Args.negatableQuoted("tls.fingerprint", value, true);
        if (s.text().length() != LENGTH) {
            throw new RuleParseException("tls.fingerprint: invalid length of the fingerprint (expected " + LENGTH
                    + " characters, aa:bb:...)");
        }
        AppProto.checkHeader(ctx, "tls.fingerprint", "tls");
        ctx.add(new TlsFingerprintOption(s.negated(), s.text().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String keyword() {
        return "tls.fingerprint";
    }

    @Override
    public void appendValue(StringBuilder out) {
        Args.appendNegatableQuoted(out, negated, fingerprint);
    }
}
