package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;

/** {@code reference:system,id;} — system must be known when reference.config is loaded. */
public record ReferenceOption(String system, String id) implements RuleOption {
    public ReferenceOption {
        system = system == null ? null : system.intern(); // url, cve, md5...: a few names
    }

    public static final KeywordDef DEF = KeywordDef.of("reference", KeywordDef.doc("meta", "reference"),
            ValueMode.REQUIRED, ReferenceOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        String v = value.trim();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.indexOf('"', 1) == v.length() - 1) {
            v = v.substring(1, v.length() - 1);
        }
        int comma = v.indexOf(',');
        if (comma <= 0) {
            throw new RuleParseException("reference: expected 'system,id'");
        }
        String system = v.substring(0, comma).trim();
        String id = v.substring(comma + 1).trim();
        if (id.length() >= 2 && id.charAt(0) == '"' && id.charAt(id.length() - 1) == '"') {
            id = id.substring(1, id.length() - 1); // Suricata accepts a quoted id (ET sid 2034270)
        }
        id = Values.unescape("reference", id, true);
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
