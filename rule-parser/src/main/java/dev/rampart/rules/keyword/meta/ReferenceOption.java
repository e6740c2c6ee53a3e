package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code reference:system,id;} — system must be known when reference.config is loaded. */
public record ReferenceOption(String system, String id) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("reference", KeywordDef.doc("meta", "reference"),
            ValueMode.REQUIRED, ReferenceOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = Values.unquote("reference", value, false);
        int comma = v.indexOf(',');
        if (comma <= 0) {
            throw new RuleParseException("reference: expected 'system,id'");
        }
        String system = v.substring(0, comma).trim();
        String id = Values.unescape("reference", v.substring(comma + 1).trim(), true);
        if (system.isEmpty() || id.isEmpty()) {
            throw new RuleParseException("reference: expected 'system,id'");
        }
        var table = ctx.env().references();
        if (table != null && !table.has(system)) {
            throw new RuleParseException("reference: unknown reference system \"" + system + "\"");
        }
        ctx.add(new ReferenceOption(system, id));
    }

    @Override
    public String keyword() {
        return "reference";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(system).append(',');
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ';' || c == '\\' || c == '"') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
