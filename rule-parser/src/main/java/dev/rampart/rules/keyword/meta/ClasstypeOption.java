package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/**
 * {@code classtype:name;} — must name an entry of classification.config when one is loaded
 * (Suricata rejects unknown classtypes); once per rule.
 */
public record ClasstypeOption(String name) implements RuleOption {
    public ClasstypeOption {
        name = name == null ? null : name.intern(); // a few dozen classtypes across every rule
    }

    public static final KeywordDef DEF = KeywordDef.of("classtype", KeywordDef.doc("meta", "classtype"),
            ValueMode.REQUIRED, ClasstypeOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        ctx.once("classtype");
        String name = Values.unquote("classtype", value, false).trim();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                throw new RuleParseException("classtype: invalid name \"" + name + "\"");
            }
        }
        var table = ctx.env().classification();
        if (table != null && table.get(name) == null) {
            throw new RuleParseException("classtype: unknown classtype \"" + name + "\" (not in classification.config)");
        }
        ctx.add(new ClasstypeOption(name));
    }

    @Override
    public String keyword() {
        return "classtype";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(name);
    }
}
