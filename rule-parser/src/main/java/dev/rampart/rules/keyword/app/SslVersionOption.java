package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ssl_version:sslv3,tls1.0;} — the SSL/TLS record version is one of the listed
 * (case-insensitive), or with {@code !} on every item none of them. Repeats and mixing negated
 * with plain items are refused.
 */
public record SslVersionOption(boolean negated, Set<Version> versions) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("ssl_version",
            KeywordDef.doc("tls-keywords", "ssl-version"), ValueMode.REQUIRED, SslVersionOption::parse);

    public enum Version {
        SSLV2("sslv2"), SSLV3("sslv3"), TLS1_0("tls1.0"), TLS1_1("tls1.1"), TLS1_2("tls1.2"), TLS1_3("tls1.3");

        final String text;

        Version(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public SslVersionOption {
        versions = Set.copyOf(versions);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("ssl_version", value);
        EnumSet<Version> set = EnumSet.noneOf(Version.class);
        Boolean neg = null;
        String[] items = value.split(",", -1);
        for (int k = 0; k < items.length; k++) {
            // Suricata ignores an empty item at the end only
            String item = items[k].trim();
            if (item.isEmpty() && k == items.length - 1 && k > 0) {
                continue;
            }
            // within an item Suricata reads words separated by blanks ("sslv3 tls1.0")
            for (String word : item.split("[ \t]+", -1)) {
                boolean not = word.startsWith("!");
                String name = (not ? word.substring(1) : word).toLowerCase(Locale.ROOT);
                Version v = null;
                for (Version x : Version.values()) {
                    if (x.text.equals(name)) {
                        v = x;
                    }
                }
                if (v == null) {
                    throw new RuleParseException("ssl_version: unknown version \"" + word + "\"");
                }
                if (neg != null && neg != not) {
                    throw new RuleParseException("ssl_version: can't mix negated and plain versions");
                }
                neg = not;
                if (!set.add(v)) {
                    throw new RuleParseException("ssl_version: duplicate version \"" + v.text + "\"");
                }
            }
        }
        AppProto.checkHeader(ctx, "ssl_version", "tls");
        ctx.add(new SslVersionOption(neg, set));
    }

    @Override
    public String keyword() {
        return "ssl_version";
    }

    @Override
    public void appendValue(StringBuilder out) {
        boolean first = true;
        for (Version v : Version.values()) {
            if (versions.contains(v)) {
                if (!first) {
                    out.append(',');
                }
                if (negated) {
                    out.append('!');
                }
                out.append(v.text);
                first = false;
            }
        }
    }
}
