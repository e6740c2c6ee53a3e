package dev.rampart.cli.rules;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each keyword is used by a set of rules, counted the way the rules print canonically:
 * every option's keyword, the modifiers folded into a content ({@code nocase}, {@code depth},
 * {@code fast_pattern}, ...), and each switch to a sticky buffer (by buffer name) with its
 * transforms.
 */
public final class KeywordUsage {
    private final Map<String, Integer> counts = new HashMap<>();

    public void add(Rule rule) {
        Buffer current = Buffer.PAYLOAD;
        for (RuleOption o : rule.options()) {
            if (o instanceof PayloadOption p && !p.buffer().equals(current)) {
                Buffer b = p.buffer();
                count(b.name());
                for (RuleOption t : b.transforms()) {
                    count(t.keyword());
                }
                current = b;
            }
            count(o.keyword());
            if (o instanceof ContentOption c) {
                countModifiers(c);
            }
        }
    }

    public void addAll(Iterable<Rule> rules) {
        for (Rule r : rules) {
            add(r);
        }
    }

    private void countModifiers(ContentOption c) {
        if (c.nocase()) {
            count("nocase");
        }
        if (c.rawbytes()) {
            count("rawbytes");
        }
        if (c.startsWith()) {
            count("startswith");
        }
        if (c.endsWith()) {
            count("endswith");
        }
        if (c.offset() != null) {
            count("offset");
        }
        if (c.depth() != null) {
            count("depth");
        }
        if (c.distance() != null) {
            count("distance");
        }
        if (c.within() != null) {
            count("within");
        }
        if (c.fastPattern() != null) {
            count("fast_pattern");
        }
    }

    private void count(String keyword) {
        counts.merge(keyword, 1, Integer::sum);
    }

    /** Keyword to count, most used first, ties by name. */
    public Map<String, Integer> sorted() {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
