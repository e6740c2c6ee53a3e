package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;

/**
 * {@code tls.version:1.2;} — the TLS version: {@code 1.0}, {@code 1.1}, {@code 1.2},
 * {@code 1.3}, or a raw 16-bit value {@code 0xNNNN} (e.g. a draft version). Stored as the wire
 * value (0x0301 .. 0x0304 for 1.0 .. 1.3).
 */
public record TlsVersionOption(int version) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("tls.version", KeywordDef.doc("tls-keywords", "tls-version"),
            ValueMode.REQUIRED, TlsVersionOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("tls.version", value);
        String v = value.trim();
        int version = switch (v) {
            case "1.0" -> 0x0301;
            case "1.1" -> 0x0302;
            case "1.2" -> 0x0303;
            case "1.3" -> 0x0304;
            default -> hex(v);
        };
        AppProto.checkHeader(ctx, "tls.version", "tls");
        ctx.add(new TlsVersionOption(version));
    }

    private static int hex(String v) throws RuleParseException {
        if (v.startsWith("0x") && v.length() > 2 && v.length() <= 6) {
            int n = 0;
            for (int i = 2; i < v.length(); i++) {
                int d = Character.digit(v.charAt(i), 16);
                if (d < 0) {
                    throw invalid(v);
                }
                n = n * 16 + d;
            }
            return n;
        }
        throw invalid(v);
    }

    private static RuleParseException invalid(String v) {
        return new RuleParseException("tls.version: invalid value \"" + v + "\" (1.0, 1.1, 1.2, 1.3 or 0xNNNN)");
    }

    @Override
    public String keyword() {
        return "tls.version";
    }

    @Override
    public void appendValue(StringBuilder out) {
        switch (version) {
            case 0x0301 -> out.append("1.0");
            case 0x0302 -> out.append("1.1");
            case 0x0303 -> out.append("1.2");
            case 0x0304 -> out.append("1.3");
            default -> out.append(String.format("0x%04x", version));
        }
    }
}
