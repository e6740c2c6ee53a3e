package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.Locale;

/**
 * {@code ipv4-csum:valid|invalid;} and the {@code tcpv4-csum}, {@code tcpv6-csum},
 * {@code udpv4-csum}, {@code udpv6-csum}, {@code icmpv4-csum}, {@code icmpv6-csum} variants — the
 * header checksum is (in)valid. The value is case-insensitive.
 */
public record ChecksumOption(String keyword, boolean valid) implements RuleOption {
    public static final KeywordDef IPV4 = def("ipv4-csum");
    public static final KeywordDef TCPV4 = def("tcpv4-csum");
    public static final KeywordDef TCPV6 = def("tcpv6-csum");
    public static final KeywordDef UDPV4 = def("udpv4-csum");
    public static final KeywordDef UDPV6 = def("udpv6-csum");
    public static final KeywordDef ICMPV4 = def("icmpv4-csum");
    public static final KeywordDef ICMPV6 = def("icmpv6-csum");

    private static KeywordDef def(String name) {
        return KeywordDef.of(name, KeywordDef.doc("header-keywords", name), ValueMode.REQUIRED,
                (v, ctx) -> parse(name, v, ctx));
    }

    static void parse(String keyword, String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes(keyword, value);
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "valid" -> ctx.add(new ChecksumOption(keyword, true));
            case "invalid" -> ctx.add(new ChecksumOption(keyword, false));
            default -> throw new RuleParseException(keyword + ": expected valid or invalid, got \"" + value + "\"");
        }
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(valid ? "valid" : "invalid");
    }
}
