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
 *
 * <p>Kept as written and split into entries only when asked ({@link #entries()}): nothing in
 * detection reads metadata, only an alert's output, and ET Open's 19k rules carry 170k entries.
 * Splitting them all at load was about a third of rule parsing and ~190k live objects (entries,
 * lists) that every young collection of the load copied.
 */
public final class MetadataOption implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("metadata", KeywordDef.doc("meta", "metadata"),
            ValueMode.REQUIRED, MetadataOption::parse);

    public record Entry(String key, String value) {
        /**
         * Interned: ET Open's 19k rules carry 170k entries drawn from a few thousand distinct
         * words, and one copy of each saved ~16 MB of heap when they were all split at load.
         */
        public Entry {
            key = key.intern();
            value = value.intern();
        }
    }

    /** The value as written (at least one entry); null when made from entries. */
    private final String text;
    /** The entries when made from them; null when split from {@link #text} on demand. */
    private final List<Entry> given;

    public MetadataOption(List<Entry> entries) {
        this.given = List.copyOf(entries);
        this.text = null;
    }

    private MetadataOption(String text) {
        this.text = text;
        this.given = null;
    }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        if (!hasEntry(value)) {
            throw new RuleParseException("metadata: no entries");
        }
        ctx.add(new MetadataOption(value));
    }

    /** Whether splitting gives some non-empty item: a character that is neither a comma nor trimmed away. */
    private static boolean hasEntry(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c != ',') {
                return true;
            }
        }
        return false;
    }

    /** The key/value pairs in rule order (split from the text on each call when parsed from a rule). */
    public List<Entry> entries() {
        return given != null ? given : split(text);
    }

    private static List<Entry> split(String value) {
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
        return List.copyOf(entries);
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
        return entries().stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
    }

    @Override
    public String keyword() {
        return "metadata";
    }

    @Override
    public void appendValue(StringBuilder out) {
        List<Entry> entries = entries();
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

    /** Equal entries, however they were spaced. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MetadataOption m && m.entries().equals(entries());
    }

    @Override
    public int hashCode() {
        return entries().hashCode();
    }

    @Override
    public String toString() {
        return "MetadataOption[entries=" + entries() + "]";
    }
}
