package dev.rampart.rules.keyword.app;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.List;

/**
 * {@code config:logging disable, type tx|flow, scope tx|flow;} — change engine settings when the
 * rule matches. Suricata supports only this form (disable logging of the transaction or flow), in
 * this order, and refuses anything else.
 */
public record ConfigOption(String type, String scope) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("config", KeywordDef.doc("config", "config"),
            ValueMode.REQUIRED, ConfigOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("config", value);
        List<String> parts = Values.splitComma(value);
        if (parts.size() != 3) {
            throw new RuleParseException("config: expected \"logging disable, type tx|flow, scope tx|flow\"");
        }
        String[] first = parts.get(0).split("\\s+");
        if (first.length != 2 || !first[0].equals("logging")) {
            throw new RuleParseException("config: only 'logging' is supported");
        }
        if (!first[1].equals("disable")) {
            throw new RuleParseException("config: only 'disable' is supported");
        }
        String type = setting(parts.get(1), "type");
        String scope = setting(parts.get(2), "scope");
        ctx.add(new ConfigOption(type, scope));
    }

    private static String setting(String part, String key) throws RuleParseException {
        String[] kv = part.split("\\s+");
        if (kv.length != 2 || !kv[0].equals(key)) {
            throw new RuleParseException("config: expected '" + key + " tx|flow', got \"" + part + "\"");
        }
        if (!kv[1].equals("tx") && !kv[1].equals("flow")) {
            throw new RuleParseException("config: only 'tx' and 'flow' are supported for " + key);
        }
        return kv[1];
    }

    @Override
    public String keyword() {
        return "config";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append("logging disable, type ").append(type).append(", scope ").append(scope);
    }
}
