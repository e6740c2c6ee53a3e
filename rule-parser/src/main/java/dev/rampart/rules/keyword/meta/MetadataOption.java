package dev.rampart.rules.keyword.meta;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metadata:key value, key value;} — free-form pairs (ET uses {@code signature_severity},
 * {@code performance_impact}, {@code deployment}, ...). May appear several times.
 */
public record MetadataOption(List<Entry> entries) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("metadata", KeywordDef.doc("meta", "metadata"),
            ValueMode.REQUIRED, MetadataOption::parse);

    public record Entry(String key, String value) {
        /**
         * Interned: ET Open's 19k rules carry 170k entries drawn from a few thousand distinct
         * words, and one copy of each saved ~16 MB of the loaded plan's heap.
         */
        public Entry {
            key = key.intern();
            value = value.intern();
        }
    }

    public MetadataOption {
        entries = List.copyOf(entries);
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        List<Entry> entries = new ArrayList<>();
        for (String item : Values.splitComma(value)) {
            if (item.isEmpty()) {
                continue;
            }
            int sp = indexOfSpace(item);
            String key = sp < 0 ? item : item.substring(0, sp);
            String val = sp < 0 ? "" : item.substring(sp + 1).trim();
            entries.add(new Entry(key, val));
        }
        if (entries.isEmpty()) {
            throw new RuleParseException("metadata: no entries");
        }
        ctx.add(new MetadataOption(entries));
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Values of a key across the entries (e.g. all {@code signature_severity}). */
    public List<String> values(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
    }

    @Override
    public String keyword() {
        return "metadata";
    }

    @Override
    public void appendValue(StringBuilder out) {
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(entries.get(i).key());
            if (!entries.get(i).value().isEmpty()) {
                out.append(' ').append(entries.get(i).value());
            }
        }
    }
}
