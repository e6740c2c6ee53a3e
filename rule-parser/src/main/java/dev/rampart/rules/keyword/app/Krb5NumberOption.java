package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;

/**
 * {@code krb5_msg_type:N;} and {@code krb5_err_code:N;}: a Kerberos message type or error code,
 * matched for equality. What Suricata 7.0.10 loads (measured with suricata-oracle -T): decimal
 * digits with blanks around them, nothing else (no quotes, sign, operator or range); a message type
 * up to 255, an error code of at most three digits.
 */
public record Krb5NumberOption(String keyword, int value) implements RuleOption {
    public static final KeywordDef MSG_TYPE = def("krb5_msg_type", "krb5-msg-type", 255, 3);
    public static final KeywordDef ERR_CODE = def("krb5_err_code", "krb5-err-code", 999, 3);

    private static KeywordDef def(String name, String anchor, int max, int maxDigits) {
        return KeywordDef.of(name, KeywordDef.doc("kerberos-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            String s = v.trim();
            if (s.length() > maxDigits) {
                throw new RuleParseException(name + ": invalid value \"" + s + "\"");
            }
            int n = (int) Args.parseDecimal(name, "value", s, max);
            AppProto.checkHeader(ctx, name, "krb5");
            ctx.add(new Krb5NumberOption(name, n));
        });
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(value);
    }
}
