package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;

/**
 * A keyword written without a value whose presence is the whole meaning ({@code noalert},
 * {@code sameip}, {@code ftpbounce}, {@code tls.store}, {@code tls_cert_expired}, ...). The
 * record keeps the canonical keyword name; aliases print as that name.
 */
public record FlagOption(String keyword) implements RuleOption {

    /** Extra validation run before the flag is added (e.g. prefilter needs a preceding match). */
    @FunctionalInterface
    public interface Check {
        void check(ParseContext ctx) throws RuleParseException;
    }

    public static KeywordDef def(String name, String page, String anchor, String... aliases) {
        return def(name, page, anchor, null, aliases);
    }

    public static KeywordDef def(String name, String page, String anchor, Check check, String... aliases) {
        return KeywordDef.of(name, KeywordDef.doc(page, anchor), ValueMode.NONE, (v, ctx) -> {
            if (check != null) {
                check.check(ctx);
            }
            ctx.add(new FlagOption(name));
        }, aliases);
    }

    @Override
    public boolean hasValue() {
        return false;
    }

    @Override
    public void appendValue(StringBuilder out) {
    }
}
