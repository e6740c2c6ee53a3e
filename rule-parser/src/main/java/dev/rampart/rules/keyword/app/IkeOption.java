package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.Uint;
import java.util.List;

/**
 * The IKE keywords that compare a value (Suricata's detect-ike-*.c): {@code ike.exchtype},
 * {@code ike.key_exchange_payload_length}, {@code ike.nonce_payload_length} (unsigned comparisons),
 * and {@code ike.chosen_sa_attribute:NAME=VALUE} (an attribute of the server's chosen transform;
 * {@code attribute} is its name, {@code value} the number it must equal).
 */
public record IkeOption(String keyword, Uint value, String attribute) implements RuleOption {
    /** Transform attribute names by IKEv1 attribute type - 1 (Suricata's names). */
    public static final List<String> ATTRIBUTES = List.of("alg_enc", "alg_hash", "alg_auth", "alg_dh", "sa_group_type",
            "sa_group_prime", "sa_group_generator_one", "sa_group_generator_two", "sa_group_curve_a",
            "sa_group_curve_b", "sa_life_type", "sa_life_duration", "alg_prf", "sa_key_length", "sa_field_size",
            "sa_group_order");

    public static final KeywordDef EXCHTYPE = compare("ike.exchtype", "ike-exchtype", Uint.U8);
    public static final KeywordDef KEY_EXCHANGE_LENGTH = compare("ike.key_exchange_payload_length",
            "ike-key-exchange-payload-length", Uint.U32);
    public static final KeywordDef NONCE_LENGTH = compare("ike.nonce_payload_length", "ike-nonce-payload-length",
            Uint.U32);
    public static final KeywordDef CHOSEN_SA = KeywordDef.of("ike.chosen_sa_attribute",
            KeywordDef.doc("ike-keywords", "ike-chosen-sa-attribute"), ValueMode.REQUIRED, (v, ctx) -> {
                String k = "ike.chosen_sa_attribute";
                String s = Args.noQuotes(k, v).trim();
                int eq = s.indexOf('=');
                String name = eq < 0 ? s : s.substring(0, eq).trim();
                if (eq < 0 || !ATTRIBUTES.contains(name)) {
                    throw new RuleParseException(k + ": expected ATTRIBUTE=VALUE with a known attribute, got \"" + s + "\"");
                }
                String num = s.substring(eq + 1).trim();
                if (!Args.isDigits(num)) {
                    throw new RuleParseException(k + ": invalid value \"" + num + "\"");
                }
                AppProto.checkHeader(ctx, k, "ike");
                ctx.add(new IkeOption(k, Uint.eq(Args.parseDecimal(k, "value", num, Uint.U32)), name));
            });

    private static KeywordDef compare(String keyword, String anchor, long max) {
        return KeywordDef.of(keyword, KeywordDef.doc("ike-keywords", anchor), ValueMode.REQUIRED, (v, ctx) -> {
            Uint u = Uint.parse(keyword, Args.noQuotes(keyword, v), max);
            AppProto.checkHeader(ctx, keyword, "ike");
            ctx.add(new IkeOption(keyword, u, null));
        });
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (attribute != null) {
            out.append(attribute).append('=');
        }
        value.appendTo(out);
    }
}
