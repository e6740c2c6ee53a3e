package dev.rampart.rules.keyword;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;

/**
 * A keyword whose whole value is one unsigned comparison ({@link Uint}): {@code ttl},
 * {@code itype}, {@code icode}, {@code tcp.mss}, {@code flow.age}, {@code filesize}, ... The
 * keyword name tells which field is compared; the value range is the field's width.
 */
public record UintOption(String keyword, Uint value) implements RuleOption {

    /** Registers {@code name} as a Uint keyword over [0, maxValue]; quoted values are refused. */
    public static KeywordDef def(String name, long maxValue, String page, String anchor, String... aliases) {
        return KeywordDef.of(name, KeywordDef.doc(page, anchor), ValueMode.REQUIRED,
                (v, ctx) -> ctx.add(new UintOption(name, Uint.parse(name, Args.noQuotes(name, v), maxValue))),
                aliases);
    }

    @Override
    public void appendValue(StringBuilder out) {
        value.appendTo(out);
    }
}
