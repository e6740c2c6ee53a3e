package dev.rampart.rules.keyword.header;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Uint;

/**
 * Suricata 8's {@code vlan.id:<uint>[,layer];} — a VLAN id (12 bits, any integer condition)
 * at a layer: {@code any} (default: some layer matches), {@code all} (every layer matches) or an
 * index from -3 to 2 (negative counts from the innermost layer).
 *
 * @param layer the index, or {@link #ANY} / {@link #ALL}
 */
public record VlanIdOption(Uint value, int layer) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("vlan.id", KeywordDef.doc("vlan-keywords", "vlan-id"),
            ValueMode.REQUIRED, VlanIdOption::parse);

    public static final int ANY = Integer.MIN_VALUE;
    public static final int ALL = Integer.MAX_VALUE;
    /** As Suricata's VLAN_MAX_LAYERS. */
    static final int MAX_LAYERS = 3;

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("vlan.id", value);
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            throw new RuleParseException("vlan.id: expected <id>[,layer], got \"" + value + "\"");
        }
        Uint id = Uint.parse("vlan.id", parts[0], 0xFFF);
        int layer = ANY;
        if (parts.length == 2) {
            String l = parts[1];
            if (l.equals("all")) {
                layer = ALL;
            } else if (!l.equals("any")) {
                try {
                    layer = Integer.parseInt(l);
                } catch (NumberFormatException e) {
                    throw new RuleParseException("vlan.id: invalid layer \"" + l + "\" (any, all or -3..2)");
                }
                if (layer < -MAX_LAYERS || layer >= MAX_LAYERS) {
                    throw new RuleParseException("vlan.id: layer " + layer + " out of range -3..2");
                }
            }
        }
        ctx.add(new VlanIdOption(id, layer));
    }

    @Override
    public String keyword() {
        return "vlan.id";
    }

    @Override
    public void appendValue(StringBuilder out) {
        value.appendTo(out);
        if (layer == ALL) {
            out.append(",all");
        } else if (layer != ANY) {
            out.append(',').append(layer);
        }
    }
}
